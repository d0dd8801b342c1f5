/**
 * @module Phase 3 of scoring: categories (with rescaling), bonus, adjustments, special rules, total and grade
 * for one unit (SPEC §4 "Arithmetic" and "Special rules").
 */
import { serializeValue } from '../metrics/value'
import { Decimal, dec, fmt2, max0, round2, ZERO } from '../primitives/decimal'
import type { CategoryResult, IndicatorResult, RuleFired } from '../result/result'
import type { Scheme } from '../scheme/scheme'
import type { UnitEvaluation } from './evaluate-unit'
import { finalGrade } from './grade'
import type { IndicatorOutcome } from './indicator'

export interface UnitTotal {
  readonly unitId: string
  readonly name: string
  readonly total: Decimal
  readonly grade: string
  readonly vetoed: boolean
  readonly zeroed: boolean
  readonly rulesFired: ReadonlyArray<RuleFired>
  readonly categories: ReadonlyArray<CategoryResult>
  readonly bonus: {
    readonly points: Decimal
    readonly max: Decimal
    readonly indicators: ReadonlyArray<IndicatorResult>
  } | null
  readonly adjustments: UnitEvaluation['adjustments']
}

const counts = (o: IndicatorOutcome) => o.status === 'scored'

export const indicatorResult = (o: IndicatorOutcome): IndicatorResult => ({
  id: o.indicator.id,
  value: serializeValue(o.value),
  points: o.points === null ? null : fmt2(o.points),
  max: fmt2(o.max),
  explanation: o.explanation,
  events: o.events,
})

const sum = (ds: ReadonlyArray<Decimal>) => ds.reduce((a, b) => a.plus(b), ZERO)

export const unitTotal = (scheme: Scheme, e: UnitEvaluation): UnitTotal => {
  // Σmax and Σpoints over the indicators that count for this unit; a category with none is excluded.
  const parts = e.categories.map((outcomes) => {
    const counted = outcomes.filter(counts)
    return { sumMax: sum(counted.map((o) => o.max)), sumPoints: sum(counted.map((o) => o.points!)) }
  })
  const fullScale = sum(scheme.categories.map((c) => dec(c.max)))
  const includedScale = sum(
    scheme.categories.filter((_, i) => !parts[i]!.sumMax.isZero()).map((c) => dec(c.max))
  )
  const scale = includedScale.isZero() ? new Decimal(1) : fullScale.div(includedScale)

  const fired = e.rules.filter((r) => r.fired)
  const zeroScopes = new Set(fired.flatMap((r) => (r.rule.kind === 'zero' ? [r.rule.scope ?? 'total'] : [])))

  const categories = scheme.categories.map((c, i): CategoryResult & { readonly exact: Decimal } => {
    const { sumMax, sumPoints } = parts[i]!
    const max = dec(c.max).times(scale)
    const indicators = e.categories[i]!.map(indicatorResult)
    if (sumMax.isZero()) return { id: c.id, points: null, max: fmt2(dec(c.max)), indicators, exact: ZERO }
    const earned = zeroScopes.has(c.id) ? ZERO : round2(max.times(sumPoints).div(sumMax))
    return { id: c.id, points: fmt2(earned), max: fmt2(max), indicators, exact: earned }
  })

  const bonus = scheme.bonus
    ? (() => {
        const max = dec(scheme.bonus.max)
        const raw = sum(e.bonus.filter(counts).map((o) => o.points!))
        return { points: Decimal.min(max, raw), max, indicators: e.bonus.map(indicatorResult) }
      })()
    : null

  const vetoed = fired.some((r) => r.rule.kind === 'veto')
  const zeroed = zeroScopes.has('total')
  const beforeRules = sum(categories.map((c) => c.exact))
    .plus(bonus?.points ?? ZERO)
    .plus(sum(e.adjustments.map((a) => a.points)))
  // 计"0"分 on the total overrides everything, adjustments included; a total is never negative.
  const total = zeroed ? ZERO : round2(max0(beforeRules))
  const caps = fired.flatMap((r) => (r.rule.kind === 'gradeCap' ? [r.rule.maxGrade] : []))
  return {
    unitId: e.unit.unitId,
    name: e.unit.name,
    total,
    grade: finalGrade(scheme.grades, total, { vetoed, caps }),
    vetoed,
    zeroed,
    rulesFired: fired.map((r) => ({ id: r.rule.id, kind: r.rule.kind, events: r.events })),
    categories: categories.map(({ exact: _exact, ...c }) => c),
    bonus,
    adjustments: e.adjustments,
  }
}
