/**
 * docs/scheme-language.md keeps itself true (issue #16): every ```json scheme-example block there is a piece of
 * a scheme, a handful of facts and what the engine gives. This test builds the example's scheme around it,
 * validates it with `parseScheme` (no issue allowed), replays the facts with `score` — the one scoring code path
 * `kaoping replay`, the projections and the API end in — and compares each stated figure exactly. A
 * ```json scheme-example-invalid block states the validator's exact issues instead. Every construct of the
 * language must be exercised by some example, every section must carry one, and a wrong figure must fail.
 */
import { readFileSync } from 'node:fs'
import {
  describeReplayError,
  formatIssue,
  parseScheme,
  readLog,
  type Scheme,
  score,
  type UnitResult,
} from '@kaoping/core'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'

const GUIDE = readFileSync(new URL('../../docs/scheme-language.md', import.meta.url), 'utf8')

////////// The blocks

type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [k: string]: Json }
type Obj = { readonly [k: string]: Json }

interface Example {
  readonly indicator?: Obj
  readonly indicators?: ReadonlyArray<Obj>
  readonly rule?: Obj
  readonly rules?: ReadonlyArray<Obj>
  /** Any other scheme fields, over the example scheme's (bonus, metrics, categories, grades, period …). */
  readonly scheme?: Obj
  /** Several units: `expect` is then keyed by unitId. Default: the one unit `lizhou`. */
  readonly units?: ReadonlyArray<string>
  readonly asOf?: string
  readonly basis?: 'recorded' | 'occurred'
  readonly events?: ReadonlyArray<{
    readonly type: string
    readonly data: Obj
    readonly id?: string
    readonly recordedAt?: string
    readonly actor?: string
  }>
  readonly expect?: Obj
  /** Invalid examples: the validator's issues, each `path: message`, in its order. */
  readonly issues?: ReadonlyArray<string>
}

interface Block {
  readonly invalid: boolean
  /** 1-based line of the opening fence. */
  readonly line: number
  /** The `###` (or `##`) heading it sits under. */
  readonly section: string
  readonly example: Example
}

const FENCE = /^```json scheme-example(-invalid)?\s*$/

const blocksOf = (md: string): ReadonlyArray<Block> => {
  const lines = md.split('\n')
  const out: Block[] = []
  let section = ''
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const heading = /^#{2,3} (.*)$/.exec(line)
    if (heading) section = heading[1]!
    const open = FENCE.exec(line)
    if (!open) continue
    const end = lines.findIndex((l, j) => j > i && l.startsWith('```'))
    if (end === -1) throw new Error(`line ${i + 1}: unclosed example`)
    const body = lines.slice(i + 1, end).join('\n')
    let example: Example
    try {
      example = JSON.parse(body) as Example
    } catch (e) {
      throw new Error(`line ${i + 1}: the example is not JSON (${(e as Error).message})`)
    }
    out.push({ invalid: open[1] !== undefined, line: i + 1, section, example })
    i = end
  }
  return out
}

////////// The example scheme and log

const SCHEME_ID = 'guide-2017'
const UNIT = 'lizhou'
const NAMES: Readonly<Record<string, string>> = {
  lizhou: '利州区',
  jiange: '剑阁县',
  cangxi: '苍溪县',
  qingchuan: '青川县',
  wangcang: '旺苍县',
  zhaohua: '昭化区',
}

const indicatorsOf = (ex: Example): ReadonlyArray<Obj> =>
  ex.indicators ?? (ex.indicator ? [ex.indicator] : [])

/** One category `main` (max = Σ the indicators' max), the calendar year 2017, district units, four grades. */
const rawScheme = (ex: Example): Obj => {
  const indicators = indicatorsOf(ex)
  const rules = ex.rules ?? (ex.rule ? [ex.rule] : undefined)
  return {
    schemeId: SCHEME_ID,
    version: 1,
    title: '示例办法',
    appliesTo: 'district',
    period: { from: '2017-01-01', to: '2017-12-31' },
    categories: [
      {
        id: 'main',
        name: '示例类别',
        max: indicators.reduce((s, i) => s + (i.max as number), 0),
        indicators,
      },
    ],
    ...(rules ? { rules } : {}),
    grades: [
      { name: '优秀', min: 90 },
      { name: '良好', min: 80 },
      { name: '合格', min: 60 },
      { name: '不合格', min: 0 },
    ],
    ...ex.scheme,
  }
}

const unitsOf = (ex: Example): ReadonlyArray<string> => ex.units ?? [UNIT]

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`

/**
 * The units registered in December 2016, then the facts in order, recorded a minute apart from 2018-02-01
 * (after the year, so every deadline of 2017 has passed) unless a fact says when; `unitId` defaults to the
 * first unit.
 */
const logOf = (ex: Example, kind: string): string => {
  const units = unitsOf(ex)
  const first = units[0]!
  const registered = units.map((unitId, i) => ({
    id: uuid(0xf000 + i),
    type: 'UnitRegistered',
    data: { unitId, name: NAMES[unitId] ?? unitId, kind },
    recordedAt: new Date(Date.UTC(2016, 11, 1, 0, i)).toISOString(),
  }))
  const facts = (ex.events ?? []).map((e, i) => ({
    id: e.id ?? uuid(0xe000 + i),
    type: e.type,
    data: { unitId: first, ...e.data },
    recordedAt: e.recordedAt ?? new Date(Date.UTC(2018, 1, 1, 0, i)).toISOString(),
    ...(e.actor === undefined ? {} : { actor: e.actor }),
  }))
  return [...registered, ...facts].map((l) => JSON.stringify(l)).join('\n')
}

////////// What the engine gives, in the shape `expect` is written in

/** A unit's result with its indicators, categories and rules keyed by id. */
const viewOf = (u: UnitResult, ex: Example): Obj => {
  const indicators = [...u.categories.flatMap((c) => c.indicators), ...(u.bonus?.indicators ?? [])]
  const byId = <T extends { readonly id: string }>(xs: ReadonlyArray<T>) =>
    Object.fromEntries(xs.map((x) => [x.id, x]))
  const single = ex.indicator ? indicators.find((i) => i.id === ex.indicator!.id) : undefined
  const rule = ex.rule ? u.rules.find((r) => r.id === ex.rule!.id) : undefined
  const { categories, rules, bonus, ...unit } = u
  return JSON.parse(
    JSON.stringify({
      ...unit,
      ...(single ?? {}),
      ...(rule ? { rule } : {}),
      ...(categories.length === 1 ? { category: categories[0] } : {}),
      categories: byId(categories),
      indicators: byId(indicators),
      rules: byId(rules),
      bonus,
    })
  ) as Obj
}

/**
 * Every stated key must match: `explanation` is a phrase the words contain (or a list of them), anything else
 * equals exactly (points and values are strings with their decimals).
 */
const check = (actual: Json | undefined, expected: Json, path: string): void => {
  const here = path.split('.').at(-1)
  if (here === 'explanation') {
    const phrases = Array.isArray(expected) ? expected : [expected]
    for (const p of phrases) expect(String(actual), path).toContain(p)
    return
  }
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    expect(actual, path).toBeTypeOf('object')
    expect(actual, path).not.toBeNull()
    for (const [k, v] of Object.entries(expected)) check((actual as Obj)[k], v, `${path}.${k}`)
    return
  }
  expect(actual, path).toEqual(expected)
}

interface Replayed {
  readonly scheme: Scheme
  readonly units: ReadonlyArray<UnitResult>
}

/** Each example is replayed once (the coverage check reads the same replays). */
const replays = new WeakMap<Example, Replayed>()

const replay = (ex: Example): Replayed => {
  const known = replays.get(ex)
  if (known) return known
  const parsed = parseScheme(rawScheme(ex))
  if (E.isLeft(parsed)) throw new Error(`the scheme is invalid:\n${parsed.left.map(formatIssue).join('\n')}`)
  const scheme = parsed.right
  const events = readLog(logOf(ex, scheme.appliesTo))
  if (E.isLeft(events))
    throw new Error(`the facts are invalid:\n${events.left.map((i) => `${i.path}: ${i.message}`).join('\n')}`)
  const scored = score(events.right, {
    schemeId: scheme.schemeId,
    given: [scheme],
    asOf: ex.asOf,
    basis: ex.basis,
  })
  if (E.isLeft(scored)) throw new Error(describeReplayError(scored.left))
  const replayed = { scheme, units: scored.right.result.units }
  replays.set(ex, replayed)
  return replayed
}

const verify = (ex: Example): Replayed => {
  const stated = ex.expect ?? {}
  expect(Object.keys(stated).length, 'an example states what the engine gives').toBeGreaterThan(0)
  const replayed = replay(ex)
  const unit = (id: string) => {
    const u = replayed.units.find((x) => x.unitId === id)
    expect(u, `unit ${id} in the result`).toBeDefined()
    return u!
  }
  if (ex.units) for (const [id, e] of Object.entries(stated)) check(viewOf(unit(id), ex), e, id)
  else check(viewOf(unit(UNIT), ex), stated, UNIT)
  return replayed
}

/** The validator's issues for an invalid example (decoding first, as parseScheme does). */
const issuesOf = (ex: Example): ReadonlyArray<string> => {
  const parsed = parseScheme(rawScheme(ex))
  return E.isLeft(parsed) ? parsed.left.map((i) => `${i.path}: ${i.message}`) : []
}

////////// Coverage: every construct of the language is exercised by an example

type Indicator = Scheme['categories'][number]['indicators'][number]
type MetricRef = NonNullable<Indicator['metric']>
type Metric = Exclude<MetricRef, string>
type Count = Extract<Metric, { readonly _tag: 'count' }>
type Condition = NonNullable<Count['where']>[string]
type KeysOf<T> = T extends unknown ? keyof T : never
type ConditionKey = Exclude<KeysOf<Condition>, 'cmp' | 'to'>
type Comparison = Extract<Condition, { readonly cmp: unknown }>['cmp']
type Scoring = Indicator['scoring']
type BandTest = Extract<Scoring, { readonly kind: 'bands' }>['bands'][number]['test']
type Rule = NonNullable<Scheme['rules']>[number]
type RuleTest = Exclude<keyof Rule['when'], 'metric'>
type WhenUndefined = NonNullable<Indicator['whenUndefined']>
type CaseBy = NonNullable<Count['by']>

/** Written as records so that a new metric, operator, kind or rule fails type-checking here until documented. */
const every = <K extends string>(prefix: string, keys: Record<K, true>) =>
  Object.keys(keys).map((k) => `${prefix}:${k}`)

const CONSTRUCTS: ReadonlyArray<string> = [
  ...every<Metric['_tag']>('metric', {
    count: true,
    sum: true,
    avg: true,
    min: true,
    max: true,
    latest: true,
    earliest: true,
    ratio: true,
    change: true,
  }),
  'metric:named',
  'count:distinct',
  'count:per-quarter',
  'count:cases',
  ...every<CaseBy>('by', { active: true, opened: true, closed: true, decided: true, closedOrOverdue: true }),
  ...every<ConditionKey | Comparison>('where', {
    eq: true,
    in: true,
    ne: true,
    notIn: true,
    gte: true,
    lte: true,
    gt: true,
    lt: true,
  }),
  'where:case-field',
  'where:date',
  ...every<Scoring['kind']>('scoring', {
    flag: true,
    linear: true,
    bands: true,
    deduct: true,
    deadline: true,
    bonus: true,
    rank: true,
    judged: true,
  }),
  ...every<BandTest>('band', { gte: true, gt: true, lte: true, lt: true, eq: true }),
  'band:else',
  'deduct:cap',
  'rank:asc',
  'rank:desc',
  ...every<WhenUndefined>('whenUndefined', { full: true, zero: true, exclude: true }),
  'status:pending',
  'status:notApplicable',
  'indicator:texts',
  ...every<Rule['kind']>('fired', { veto: true, zero: true, gradeCap: true }),
  ...every<RuleTest>('when', { gte: true, lte: true, gt: true, lt: true, eq: true }),
  'zero:total',
  'zero:category',
  'scheme:bonus',
  'scheme:units',
  'scheme:countOnlyVerified',
  'scheme:grades',
  'category:rescaled',
  'fact:countsOn',
  'fact:adjusted',
]

const metricConstructs = (ref: MetricRef, seen: Set<string>, named: Scheme['metrics']): void => {
  if (typeof ref === 'string') {
    seen.add('metric:named')
    const m = named?.[ref]
    if (m) metricConstructs(m, seen, named)
    return
  }
  seen.add(`metric:${ref._tag}`)
  if (ref._tag === 'ratio') for (const side of ref.of) metricConstructs(side, seen, named)
  if (ref._tag === 'change') metricConstructs(ref.of, seen, named)
  if (ref._tag === 'ratio' || ref._tag === 'change') return
  if (ref._tag === 'count') {
    if (ref.distinct !== undefined) seen.add('count:distinct')
    if (ref.per === 'quarter') seen.add('count:per-quarter')
    if (ref.type === 'cases') {
      seen.add('count:cases')
      seen.add(`by:${ref.by ?? 'active'}`)
    }
  }
  for (const [field, c] of Object.entries(ref.where ?? {})) {
    if (field.startsWith('case.')) seen.add('where:case-field')
    if ('cmp' in c) {
      seen.add(`where:${c.cmp}`)
      if (typeof c.to === 'string') seen.add('where:date')
    } else seen.add(`where:${Object.keys(c)[0]}`)
  }
}

/** The constructs one replayed example exercises: what its scheme says and what its result shows. */
const constructsOf = (ex: Example, { scheme, units }: Replayed): ReadonlySet<string> => {
  const seen = new Set<string>()
  const all = [...scheme.categories.flatMap((c) => c.indicators), ...(scheme.bonus?.indicators ?? [])]
  for (const ind of all) {
    if (ind.metric !== undefined) metricConstructs(ind.metric, seen, scheme.metrics)
    const s = ind.scoring
    seen.add(`scoring:${s.kind}`)
    if (s.kind === 'bands') {
      for (const b of s.bands) seen.add(`band:${b.test}`)
      if (s.else !== undefined) seen.add('band:else')
    }
    if (s.kind === 'deduct' && s.cap !== undefined) seen.add('deduct:cap')
    if (s.kind === 'rank') seen.add(`rank:${s.order ?? 'desc'}`)
    if (ind.basis !== undefined && ind.criteria !== undefined && ind.evidence !== undefined)
      seen.add('indicator:texts')
  }
  for (const r of scheme.rules ?? []) {
    metricConstructs(r.when.metric, seen, scheme.metrics)
    for (const k of ['gte', 'lte', 'gt', 'lt', 'eq'] as const)
      if (r.when[k] !== undefined) seen.add(`when:${k}`)
    if (r.kind === 'zero')
      seen.add(r.scope === undefined || r.scope === 'total' ? 'zero:total' : 'zero:category')
  }
  if (scheme.bonus) seen.add('scheme:bonus')
  if (scheme.units) seen.add('scheme:units')
  if (scheme.countOnlyVerified) seen.add('scheme:countOnlyVerified')
  if (ex.scheme?.grades) seen.add('scheme:grades')
  if ((ex.events ?? []).some((e) => e.data.countsOn !== undefined)) seen.add('fact:countsOn')
  const byId = new Map<string, Indicator>(all.map((i) => [i.id, i]))
  for (const u of units) {
    for (const r of u.rulesFired) seen.add(`fired:${r.kind}`)
    for (const c of u.categories)
      if (c.points !== null && c.indicators.some((i) => i.points === null)) seen.add('category:rescaled')
    for (const i of [...u.categories.flatMap((c) => c.indicators), ...(u.bonus?.indicators ?? [])]) {
      if (i.status === 'pending' || i.status === 'notApplicable') seen.add(`status:${i.status}`)
      if (i.status === 'excluded') seen.add('whenUndefined:exclude')
      // The value could not be computed and the indicator was scored anyway: by its whenUndefined.
      const ind = byId.get(i.id)
      if (i.status === 'scored' && i.value === null && ind && ind.scoring.kind !== 'judged')
        seen.add(`whenUndefined:${ind.whenUndefined ?? 'zero'}`)
      if (i.adjusted !== null) seen.add('fact:adjusted')
    }
  }
  return seen
}

////////// The tests

const blocks = blocksOf(GUIDE)
const valid = blocks.filter((b) => !b.invalid)
const invalid = blocks.filter((b) => b.invalid)
const title = (b: Block) => `line ${b.line} (${b.section})`

describe('docs/scheme-language.md', () => {
  describe('every worked example validates and replays to the figures it states', () => {
    it.each(valid.map((b) => [title(b), b] as const))('%s', (_, b) => {
      expect(b.example.issues, 'a valid example states no issues').toBeUndefined()
      verify(b.example)
    })
  })

  describe('every invalid example gets exactly the issues it states', () => {
    it.each(invalid.map((b) => [title(b), b] as const))('%s', (_, b) => {
      expect(b.example.issues?.length, 'an invalid example states its issues').toBeGreaterThan(0)
      expect(issuesOf(b.example)).toEqual(b.example.issues)
    })
  })

  it('exercises every metric, where operator, scoring kind, band and rule test, rule kind and whenUndefined', () => {
    expect(valid.length).toBeGreaterThan(0)
    // An example that does not replay fails above; here it covers nothing.
    const covered = new Set<string>()
    for (const b of valid) {
      let replayed: Replayed
      try {
        replayed = replay(b.example)
      } catch {
        continue
      }
      for (const c of constructsOf(b.example, replayed)) covered.add(c)
    }
    expect(CONSTRUCTS.filter((c) => !covered.has(c))).toEqual([])
  })

  it('has a worked example in every section (one section per construct), and invalid ones', () => {
    const sections = [...GUIDE.matchAll(/^### (.*)$/gm)].map((m) => m[1]!)
    expect(sections.length).toBeGreaterThanOrEqual(40)
    const withExample = new Set(valid.map((b) => b.section))
    expect(sections.filter((s) => !withExample.has(s))).toEqual([])
    expect(valid.length).toBeGreaterThanOrEqual(sections.length)
    expect(invalid.length).toBeGreaterThanOrEqual(10)
  })

  it('fails on a wrong figure and on an invalid scheme (the checks are not vacuous)', () => {
    const b = valid.find((x) => x.example.indicator && x.example.expect?.points !== undefined)!
    expect(b).toBeDefined()
    const wrong = { ...b.example, expect: { ...b.example.expect, points: '999.99' } }
    expect(() => verify(wrong)).toThrow()
    const broken = { ...b.example, indicator: { ...b.example.indicator, scoring: { kind: 'curve' } } }
    expect(() => replay(broken)).toThrow(/the scheme is invalid/)
  })
})
