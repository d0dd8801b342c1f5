/** @module Evaluates a metric over one unit's facts: the value, every event that made it, and how it was made. */

import { LIMIT_ATTRIBUTES, PERIOD_ATTRIBUTES } from '../cases/attributes'
import { type CaseRecord, casesOf, inPeriod, periodAttributes } from '../cases/fold'
import { limitAttributes, type TimeLimits } from '../cases/time-limit'
import type { EventType } from '../events/catalog'
import { type Fact, fieldValue, type UnitFacts } from '../facts/fact'
import { Decimal, ZERO } from '../primitives/decimal'
import { CASES, type CaseBy, type Metric, type MetricRef, namedMetric, type Where } from '../scheme/metric'
import type { Semantics } from '../scheme/scheme'
import { type Period, previousPeriod, quartersOf, within } from './period'
import { num, ratio, undefinedValue, type Value } from './value'
import { matches, matchesRecord } from './where'

/**
 * How a value was made, kept for explanations and exceptions (the misses an auditor must see):
 * - `facts`: events counted or aggregated; `quarters`: events counted per quarter;
 * - `cases`: cases counted (`count: "cases"`); `one`: the fact a `latest`/`earliest` picked (if any);
 * - `ratio` and `change`: their two sides.
 */
export type Detail =
  | {
      readonly kind: 'facts'
      readonly type: string
      readonly where?: Where
      readonly facts: ReadonlyArray<Fact>
      /** For a `sum`: the field added up and its total (a rate of sums is read in people, not sessions). */
      readonly sum?: { readonly field: string; readonly total: Decimal }
    }
  | {
      readonly kind: 'quarters'
      readonly type: string
      readonly facts: ReadonlyArray<Fact>
      readonly quarters: ReadonlyArray<Period>
      /** Per quarter, whether a matching event fell in it. */
      readonly hit: ReadonlyArray<boolean>
    }
  | {
      readonly kind: 'cases'
      readonly by: CaseBy
      readonly where?: Where
      readonly cases: ReadonlyArray<CaseRecord>
      /**
       * Of those, in a count on time limits (time-limit.ts): the ones that reported an extension, and the ones closed
       * in time by their dates but entered late and not verified — the unit's own reports an auditor must see.
       */
      readonly extended?: ReadonlyArray<string>
      readonly enteredLate?: ReadonlyArray<string>
    }
  | { readonly kind: 'one'; readonly type: string; readonly fact: Fact | undefined }
  | { readonly kind: 'ratio'; readonly num: Detail; readonly den: Detail }
  | { readonly kind: 'change'; readonly current: Detail; readonly previous: Detail }

export interface Evaluated {
  readonly value: Value
  /** Ids of the facts behind the value, in log order. */
  readonly events: ReadonlyArray<string>
  readonly detail: Detail
}

export interface MetricScope {
  readonly facts: UnitFacts
  readonly period: Period
  readonly named: Readonly<Record<string, Metric>>
  /** The scheme's reading of facts (scheme.ts `Semantics`). */
  readonly semantics: Semantics
  /** The scheme's time limits per case kind and its calendar (cases/time-limit.ts), if it states them. */
  readonly timeLimits?: TimeLimits | undefined
  /**
   * The evaluation date (Beijing), at most the period's end: a case still open after its last day is overdue on it.
   * Undefined: the period's end.
   */
  readonly today?: string | undefined
}

const NONE: ReadonlyArray<Fact> = []

/** Facts of a type that count in the period (`countsOn ?? occurredOn` inside it) and match `where`. */
const select = (scope: MetricScope, type: string, where: Where | undefined): ReadonlyArray<Fact> =>
  (scope.facts.get(type as EventType) ?? NONE).filter(
    (f) => within(f.countsOn, scope.period) && matches(f, where)
  )

/** Internally a value keeps its facts (not just ids) so that combined metrics can merge them in log order. */
interface Inner {
  readonly value: Value
  readonly facts: ReadonlyArray<Fact>
  readonly detail: Detail
}

const merge = (a: Inner, b: Inner): ReadonlyArray<Fact> => {
  const seen = new Set<string>()
  const out: Fact[] = []
  for (const list of [a.facts, b.facts])
    for (const f of list)
      if (!seen.has(f.id)) {
        seen.add(f.id)
        out.push(f)
      }
  return out
}

export const evaluate = (ref: MetricRef, scope: MetricScope): Evaluated => {
  const { value, facts, detail } = inner(ref, scope)
  return { value, events: [...facts].sort((a, b) => a.seq - b.seq).map((f) => f.id), detail }
}

const numeric = (f: Fact, field: string): Decimal | undefined => {
  const v = fieldValue(f, field)
  return typeof v === 'number' ? new Decimal(String(v)) : undefined
}

const TYPE_LABEL = (type: string) => `无 ${type} 记录`

interface Split {
  readonly own: Where | undefined
  readonly period: Where | undefined
  readonly limit: Where | undefined
}
const NO_SPLIT: Split = { own: undefined, period: undefined, limit: undefined }

/**
 * A case `where` split into the conditions on a case's own attributes, on its period's and on its time limit's
 * (kept per where).
 */
const splits = new WeakMap<object, Split>()
const splitOf = (where: Where): Split => {
  let split = splits.get(where)
  if (!split) {
    const entries = Object.entries(where)
    const part = (keep: (k: string) => boolean) => {
      const kept = entries.filter(([k]) => keep(k))
      return kept.length === 0 ? undefined : (Object.fromEntries(kept) as Where)
    }
    split = {
      own: part((k) => !PERIOD_ATTRIBUTES.has(k) && !LIMIT_ATTRIBUTES.has(k)),
      period: part((k) => PERIOD_ATTRIBUTES.has(k)),
      limit: part((k) => LIMIT_ATTRIBUTES.has(k)),
    }
    splits.set(where, split)
  }
  return split
}

const countCases = (m: Extract<Metric, { _tag: 'count' }>, scope: MetricScope): Inner => {
  const by = m.by ?? 'active'
  const { from, to } = scope.period
  const cases: CaseRecord[] = []
  const extended: string[] = []
  const enteredLate: string[] = []
  // A period's attributes are made only for the cases its own attributes let through (a lawsuit, not the
  // arbitration cases around it), and only for a where that names one; likewise a time limit's.
  const { own, period, limit } = m.where ? splitOf(m.where) : NO_SPLIT
  const limits = by === 'closedOrOverdue' || limit !== undefined
  const cut = scope.today !== undefined && scope.today < to ? scope.today : to
  for (const c of casesOf(scope.facts, to, scope.semantics)) {
    // An open case may be in `closedOrOverdue`'s cohort: whether it is overdue is asked only if its own attributes
    // let it through.
    const open = by === 'closedOrOverdue' && !c.attributes.closed
    if (!inPeriod(c, by, from, to, open) || !matchesRecord(c.attributes, own)) continue
    const l = limits ? limitAttributes(c, scope.timeLimits, cut) : undefined
    if (open && l!.overdue !== true) continue
    if (
      (period === undefined || matchesRecord(periodAttributes(c, from, to), period)) &&
      (limit === undefined || matchesRecord(l!, limit))
    ) {
      cases.push(c)
      if (limits && c.extensions.length > 0) extended.push(c.caseId)
      if (l?.enteredLate === true) enteredLate.push(c.caseId)
    }
  }
  return {
    value: num(cases.length),
    facts: cases.flatMap((c) => c.facts),
    detail: {
      kind: 'cases',
      by,
      ...(m.where ? { where: m.where } : {}),
      cases,
      ...(extended.length > 0 ? { extended } : {}),
      ...(enteredLate.length > 0 ? { enteredLate } : {}),
    },
  }
}

/**
 * The quarter a fact fills is the one it happened in: "每季度不少于1次" is about when the work was done, and "年底
 * 集中补做不能补足前几个季度" — four December inspections dated back by `countsOn` fill one quarter, not four.
 * `countsOn` places a fact in the period (a January inspection counted for last year); only a fact that happened
 * outside the period is placed by it. Semantics 2 (scheme.ts): under 1, every fact is placed by its countsOn.
 */
const quarterDate = (f: Fact, period: { readonly from: string; readonly to: string }) =>
  f.occurredOn >= period.from && f.occurredOn <= period.to ? f.occurredOn : f.countsOn

const countQuarters = (m: Extract<Metric, { _tag: 'count' }>, scope: MetricScope): Inner => {
  const facts = select(scope, m.type, m.where)
  const quarters = quartersOf(scope.period)
  const dates = facts.map((f) => (scope.semantics >= 2 ? quarterDate(f, scope.period) : f.countsOn))
  const hit = quarters.map((q) => dates.some((d) => within(d, q)))
  return {
    value: num(hit.filter(Boolean).length),
    facts,
    detail: { kind: 'quarters', type: m.type, facts, quarters, hit },
  }
}

/**
 * A named metric is evaluated once per scope: indicators and rules often share one (the law-exam pass rate, the
 * lost lawsuits), and a scope is one unit's facts over one period.
 */
const namedValues = new WeakMap<MetricScope, Map<string, Inner>>()

const inner = (ref: MetricRef, scope: MetricScope): Inner => {
  if (typeof ref !== 'string') return innerOf(ref, scope)
  let known = namedValues.get(scope)
  if (!known) {
    known = new Map()
    namedValues.set(scope, known)
  }
  const hit = known.get(ref)
  if (hit) return hit
  const m = namedMetric(scope.named, ref)
  // Validation guarantees named references resolve; a miss here is a programming error.
  if (!m) throw new Error(`unresolved metric ${String(ref)}`)
  const value = innerOf(m, scope)
  known.set(ref, value)
  return value
}

const innerOf = (m: Metric, scope: MetricScope): Inner => {
  switch (m._tag) {
    case 'count': {
      if (m.type === CASES) return countCases(m, scope)
      if (m.per === 'quarter') return countQuarters(m, scope)
      const facts = select(scope, m.type, m.where)
      const detail: Detail = { kind: 'facts', type: m.type, ...(m.where ? { where: m.where } : {}), facts }
      if (m.distinct === undefined) return { value: num(facts.length), facts, detail }
      const field = m.distinct
      // A fact without the field is its own value: it cannot be the same 表彰 document as another.
      const keys = new Set(facts.map((f) => JSON.stringify(fieldValue(f, field) ?? `#${f.id}`)))
      return { value: num(keys.size), facts, detail }
    }
    case 'sum':
    case 'avg':
    case 'min':
    case 'max': {
      // Each fact's number is read once (a Decimal per fact is most of the cost of a sum over a year).
      const facts: Fact[] = []
      const values: Decimal[] = []
      // `avg` with a weight: Σ value × weight over Σ weight (a fact without a weight counts once).
      const weights: Decimal[] = []
      for (const f of select(scope, m.type, m.where)) {
        const v = numeric(f, m.field)
        if (v === undefined) continue
        facts.push(f)
        values.push(v)
        if (m.weight !== undefined) weights.push(numeric(f, m.weight) ?? new Decimal(1))
      }
      const sum = values.reduce((acc, v) => acc.plus(v), ZERO)
      if (m._tag === 'sum')
        return {
          value: num(sum),
          facts,
          detail: { kind: 'facts', type: m.type, facts, sum: { field: m.field, total: sum } },
        }
      const detail: Detail = { kind: 'facts', type: m.type, facts }
      if (values.length === 0) return { value: undefinedValue(TYPE_LABEL(m.type)), facts, detail }
      if (m._tag === 'avg' && m.weight !== undefined) {
        const total = weights.reduce((acc, w) => acc.plus(w), ZERO)
        if (total.isZero()) return { value: undefinedValue('权重合计为 0'), facts, detail }
        const weighted = values.reduce((acc, v, i) => acc.plus(v.times(weights[i]!)), ZERO)
        return { value: ratio(weighted, total, 'average', ''), facts, detail }
      }
      if (m._tag === 'avg')
        return { value: ratio(sum, new Decimal(values.length), 'average', ''), facts, detail }
      const pick = m._tag === 'min' ? Decimal.min(...values) : Decimal.max(...values)
      return { value: num(pick), facts, detail }
    }
    case 'latest': {
      // The last matching fact counting on or before the period end, whenever it started (SPEC §4).
      const all = scope.facts.get(m.type as EventType) ?? NONE
      const last = all
        .filter(
          (f) => f.countsOn <= scope.period.to && matches(f, m.where) && fieldValue(f, m.field) !== undefined
        )
        .at(-1)
      const detail: Detail = { kind: 'one', type: m.type, fact: last }
      if (!last) return { value: undefinedValue(TYPE_LABEL(m.type)), facts: [], detail }
      const v = fieldValue(last, m.field)
      const value: Value =
        typeof v === 'boolean'
          ? { _tag: 'boolean', b: v }
          : typeof v === 'number'
            ? num(new Decimal(String(v)))
            : { _tag: 'date', date: String(v) }
      return { value, facts: [last], detail }
    }
    case 'earliest': {
      // Counted in the period by countsOn; the date compared with a deadline is when it happened.
      const first = select(scope, m.type, m.where)[0]
      const detail: Detail = { kind: 'one', type: m.type, fact: first }
      if (!first) return { value: undefinedValue(TYPE_LABEL(m.type)), facts: [], detail }
      return { value: { _tag: 'date', date: first.occurredOn }, facts: [first], detail }
    }
    case 'ratio': {
      const a = inner(m.of[0], scope)
      const b = inner(m.of[1], scope)
      const facts = merge(a, b)
      const detail: Detail = { kind: 'ratio', num: a.detail, den: b.detail }
      if (a.value._tag !== 'number' || b.value._tag !== 'number')
        return { value: undefinedValue('分子或分母无法计算'), facts, detail }
      return { value: ratio(a.value.n, b.value.n, 'ratio', '分母为 0'), facts, detail }
    }
    case 'change': {
      const cur = inner(m.of, scope)
      const prev = inner(m.of, { ...scope, period: previousPeriod(scope.period) })
      const facts = merge(cur, prev)
      const detail: Detail = { kind: 'change', current: cur.detail, previous: prev.detail }
      if (cur.value._tag !== 'number' || prev.value._tag !== 'number')
        return { value: undefinedValue('本期或上期无法计算'), facts, detail }
      return {
        value: ratio(cur.value.n.minus(prev.value.n), prev.value.n, 'change', '上期为 0'),
        facts,
        detail,
      }
    }
  }
}
