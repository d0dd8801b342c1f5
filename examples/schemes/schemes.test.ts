/**
 * The example schemes read as data, before any scoring: every indicator says where it comes from, how it is
 * scored and what proof it needs; the points add up; rates are drawn from one cohort; nothing scores full on
 * silence; and the demo city's review and city facts name indicators these schemes have.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { generateDemoCity } from '../demo-city/generate'

type Json = Record<string, unknown>
interface Indicator {
  readonly id: string
  readonly name: string
  readonly max: number
  /** Absent on a judged indicator (its points are the 考核组's IndicatorJudged). */
  readonly metric?: string | Json
  readonly scoring: Json & { readonly kind: string }
  readonly whenUndefined?: string
  readonly units?: ReadonlyArray<string>
  readonly basis?: string
  readonly criteria?: string
  readonly evidence?: string
}
interface Scheme {
  readonly schemeId: string
  readonly period: { readonly from: string; readonly to: string }
  readonly metrics: Readonly<Record<string, Json>>
  readonly categories: ReadonlyArray<{
    readonly id: string
    readonly max: number
    readonly indicators: Indicator[]
  }>
  readonly bonus?: { readonly max: number; readonly indicators: Indicator[] }
  readonly rules: ReadonlyArray<{ readonly id: string; readonly when: Json }>
}

const load = (file: string): Scheme =>
  JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')) as Scheme
const SCHEMES = [load('./districts-2017.json'), load('./departments-2017.json')] as const
const [districts, departments] = SCHEMES
const indicators = (s: Scheme) => [
  ...s.categories.flatMap((c) => c.indicators),
  ...(s.bonus?.indicators ?? []),
]
const find = (s: Scheme, id: string) => indicators(s).find((i) => i.id === id)!
const metricOf = (s: Scheme, m: string | Json | undefined): Json =>
  m === undefined ? {} : typeof m === 'string' ? s.metrics[m]! : m
/** Does a numerator's condition pick a subset of what the denominator's picks? (Equal, or within its list.) */
const narrower = (a: unknown, b: unknown): boolean =>
  JSON.stringify(a) === JSON.stringify(b) ||
  (Array.isArray(b) && (Array.isArray(a) ? a.every((x) => b.includes(x)) : b.includes(a)))
const sum = (xs: ReadonlyArray<number>) => xs.reduce((a, b) => a + b, 0)

describe.each(SCHEMES.map((s) => [s.schemeId, s] as const))('%s', (_, scheme) => {
  it('gives every indicator its 依据, 评分标准 and 主要资料', () => {
    for (const i of indicators(scheme))
      for (const text of ['basis', 'criteria', 'evidence'] as const)
        expect(i[text]?.length ?? 0, `${i.id} ${text}`).toBeGreaterThan(5)
  })

  it('adds up to 100: indicators to their category, categories to the scheme', () => {
    expect(sum(scheme.categories.map((c) => c.max))).toBe(100)
    for (const c of scheme.categories) {
      const shared = c.indicators.filter((i) => !i.units)
      if (shared.length > 0) expect(sum(shared.map((i) => i.max)), c.id).toBe(c.max)
      // 个性 indicators: each unit's own set fills the category.
      for (const unit of new Set(c.indicators.flatMap((i) => i.units ?? [])))
        expect(sum(c.indicators.filter((i) => i.units?.includes(unit)).map((i) => i.max)), unit).toBe(c.max)
    }
  })

  it('never scores an indicator full on silence (no whenUndefined "full", no deduction from a count of nothing)', () => {
    for (const i of indicators(scheme)) {
      expect(i.whenUndefined, i.id).not.toBe('full')
      expect(i.scoring.kind, i.id).not.toBe('deduct')
    }
  })

  it('draws the numerator of every rate over cases from its denominator’s cohort (same `by`, narrower `where`)', () => {
    const ratios = [
      ...indicators(scheme).map((i) => metricOf(scheme, i.metric)),
      ...Object.values(scheme.metrics),
    ].filter((m) => Array.isArray(m.ratio))
    let caseRates = 0
    for (const m of ratios) {
      const [a, b] = (m.ratio as Array<string | Json>).map((x) => metricOf(scheme, x))
      if (a?.count !== 'cases' && b?.count !== 'cases') continue
      caseRates++
      expect(a?.count).toBe('cases')
      expect(b?.count).toBe('cases')
      expect(a?.by).toBe(b?.by)
      const [wa, wb] = [a?.where ?? {}, b?.where ?? {}] as Json[]
      for (const [k, v] of Object.entries(wb!))
        expect(narrower(wa![k], v), `${JSON.stringify(m)} ${k}`).toBe(true)
    }
    expect(caseRates).toBeGreaterThan(5)
  })

  it('counts closure rates as closed by the period end out of the cases active in the period', () => {
    for (const [name, m] of Object.entries(scheme.metrics))
      if (m.count === 'cases' && m.by === 'active' && /Closed$/.test(name))
        expect((m.where as Json).closedOn, name).toEqual({ lte: scheme.period.to })
  })

  it('has the annual report due on 2018-01-15, after the period, and a judged 总体评价', () => {
    const report = indicators(scheme).find(
      (i) => (metricOf(scheme, i.metric).where as Json | undefined)?.docType === 'annual_report'
    )
    expect(report?.scoring).toMatchObject({ kind: 'deadline', due: '2018-01-15' })
    const judged = indicators(scheme).filter((i) => i.scoring.kind === 'judged')
    expect(judged).toMatchObject([{ name: '法治建设工作总体评价', whenUndefined: 'exclude' }])
    expect(judged[0]).not.toHaveProperty('metric')
  })
})

describe('the district scheme', () => {
  it('counts 出庭应诉率 over heard administrative lawsuits only, by case (leader at every hearing)', () => {
    const [a, b] = (metricOf(districts, find(districts, 'E1').metric).ratio as string[]).map(
      (m) => districts.metrics[m]
    )
    expect(b).toEqual({
      count: 'cases',
      by: 'active',
      where: { kind: 'administrative_litigation', hearingsInPeriod: { gte: 1 } },
    })
    expect(a?.where).toMatchObject({ kind: 'administrative_litigation', leaderAppearedAllInPeriod: true })
  })

  it('scores D1 “每季度不少于1次” on quarters with an inspection, in bands', () => {
    expect(find(districts, 'D1')).toMatchObject({
      metric: { count: 'InspectionConducted', per: 'quarter' },
      scoring: { kind: 'bands', bands: [{ gte: 4, points: 3 }, { gte: 3 }, { gte: 2 }] },
    })
  })

  it('compares with lt and gt in its rules', () => {
    const ops = districts.rules.flatMap((r) => Object.keys(r.when).filter((k) => k !== 'metric'))
    expect(ops).toEqual(expect.arrayContaining(['lt', 'gt', 'gte']))
  })
})

describe('the department scheme', () => {
  it('measures every line of business with the same yardsticks (the 工伤保险科 / 仲裁院 asymmetry, README)', () => {
    const bandsOf = (id: string) => find(departments, id).scoring.bands
    // Closure rates (10 points): full only from 98%; exactly 95% is 8.
    expect(bandsOf('P-ZC1')).toEqual(bandsOf('P-JC2'))
    expect(bandsOf('P-GS1')).toEqual(bandsOf('P-JC2'))
    expect((bandsOf('P-ZC1') as unknown[]).slice(0, 2)).toEqual([
      { gte: 0.98, points: 10 },
      { gte: 0.95, points: 8 },
    ])
    // Statutory time limits (20 points): 2 points per 2 percentage points below 100%.
    expect(bandsOf('P-ZC2')).toEqual(bandsOf('P-JC3'))
    expect(bandsOf('P-GS2')).toEqual(bandsOf('P-JC3'))
    expect((bandsOf('P-GS2') as unknown[]).slice(0, 2)).toEqual([
      { gte: 1, points: 20 },
      { gte: 0.98, points: 18 },
    ])
  })
})

describe('the demo city against the schemes', () => {
  const lines = generateDemoCity()
  const schemeById = new Map(SCHEMES.map((s) => [s.schemeId, s]))

  it('adjusts points only on an indicator of the scheme (or bonus), within its maximum', () => {
    for (const l of lines.filter((x) => x.type === 'PointsAdjusted')) {
      const s = schemeById.get(l.data.schemeId as string)!
      const id = l.data.indicatorId as string
      if (id === 'bonus') continue
      expect(find(s, id), id).toBeDefined()
      expect(Math.abs(l.data.points as number)).toBeLessThanOrEqual(find(s, id).max)
    }
  })

  it('judges only judged indicators, within [0, max]', () => {
    for (const l of lines.filter((x) => x.type === 'IndicatorJudged')) {
      const i = find(schemeById.get(l.data.schemeId as string)!, l.data.indicatorId as string)
      expect(i.scoring.kind).toBe('judged')
      expect(l.data.points as number).toBeLessThanOrEqual(i.max)
    }
  })

  it('self-assesses and appeals only indicators of the unit’s own scheme, never its judged one, within [0, max]', () => {
    const kindOf = new Map(
      lines.filter((l) => l.type === 'UnitRegistered').map((l) => [l.data.unitId, l.data.kind])
    )
    for (const l of lines.filter((x) => x.type === 'SelfAssessmentSubmitted' || x.type === 'AppealFiled')) {
      const s = schemeById.get(l.data.schemeId as string)!
      expect(s.schemeId).toBe(
        kindOf.get(l.data.unitId) === 'district' ? SCHEMES[0].schemeId : SCHEMES[1].schemeId
      )
      const items =
        l.type === 'AppealFiled'
          ? [{ indicatorId: l.data.indicatorId as string, points: 0 }]
          : (l.data.items as ReadonlyArray<{ indicatorId: string; points: number }>)
      for (const item of items) {
        const i = find(s, item.indicatorId)
        expect(i, item.indicatorId).toBeDefined()
        expect(i.scoring.kind).not.toBe('judged')
        expect(i.units === undefined || i.units.includes(l.data.unitId as string)).toBe(true)
        expect(item.points).toBeLessThanOrEqual(i.max)
      }
    }
  })

  it('publishes exactly the scheme files', () => {
    const published = lines.filter((l) => l.type === 'SchemePublished').map((l) => l.data.scheme)
    expect(published).toEqual([...SCHEMES])
  })
})
