/** @module Evaluates a metric over one unit's facts: the value and every event that made it. */
import type { EventType } from '../events/catalog'
import { type Fact, fieldValue, type UnitFacts } from '../facts/fact'
import { Decimal, ZERO } from '../primitives/decimal'
import type { Metric, MetricRef, Where } from '../scheme/metric'
import { type Period, previousPeriod, within } from './period'
import { num, ratio, undefinedValue, type Value } from './value'
import { matches } from './where'

export interface Evaluated {
  readonly value: Value
  /** Ids of the facts behind the value, in log order. */
  readonly events: ReadonlyArray<string>
}

export interface MetricScope {
  readonly facts: UnitFacts
  readonly period: Period
  readonly named: Readonly<Record<string, Metric>>
}

const NONE: ReadonlyArray<Fact> = []

const select = (scope: MetricScope, type: string, where: Where | undefined): ReadonlyArray<Fact> =>
  (scope.facts.get(type as EventType) ?? NONE).filter(
    (f) => within(f.occurredOn, scope.period) && matches(f, where)
  )

/** Internally a value keeps its facts (not just ids) so that combined metrics can merge them in log order. */
interface Inner {
  readonly value: Value
  readonly facts: ReadonlyArray<Fact>
}

const merge = (a: Inner, b: Inner): ReadonlyArray<Fact> => {
  const byId = new Map<string, Fact>()
  for (const f of [...a.facts, ...b.facts]) byId.set(f.id, f)
  return [...byId.values()]
}

export const evaluate = (ref: MetricRef, scope: MetricScope): Evaluated => {
  const { value, facts } = inner(ref, scope)
  return { value, events: [...facts].sort((a, b) => a.seq - b.seq).map((f) => f.id) }
}

const numeric = (f: Fact, field: string): Decimal | undefined => {
  const v = fieldValue(f, field)
  return typeof v === 'number' ? new Decimal(String(v)) : undefined
}

const TYPE_LABEL = (type: string) => `无 ${type} 记录`

const inner = (ref: MetricRef, scope: MetricScope): Inner => {
  const m = typeof ref === 'string' ? scope.named[ref] : ref
  // Validation guarantees named references resolve; a miss here is a programming error.
  if (!m) throw new Error(`unresolved metric ${String(ref)}`)
  switch (m._tag) {
    case 'count': {
      const facts = select(scope, m.type, m.where)
      if (m.distinct === undefined) return { value: num(facts.length), facts }
      const field = m.distinct
      // A fact without the field is its own value: it cannot be the same 表彰 document as another.
      const keys = new Set(facts.map((f) => JSON.stringify(fieldValue(f, field) ?? `#${f.id}`)))
      return { value: num(keys.size), facts }
    }
    case 'sum':
    case 'avg':
    case 'min':
    case 'max': {
      // Each fact's number is read once (a Decimal per fact is most of the cost of a sum over a year).
      const facts: Fact[] = []
      const values: Decimal[] = []
      for (const f of select(scope, m.type, m.where)) {
        const v = numeric(f, m.field)
        if (v === undefined) continue
        facts.push(f)
        values.push(v)
      }
      const sum = values.reduce((acc, v) => acc.plus(v), ZERO)
      if (m._tag === 'sum') return { value: num(sum), facts }
      if (values.length === 0) return { value: undefinedValue(TYPE_LABEL(m.type)), facts }
      if (m._tag === 'avg') return { value: ratio(sum, new Decimal(values.length), 'average', ''), facts }
      const pick = m._tag === 'min' ? Decimal.min(...values) : Decimal.max(...values)
      return { value: num(pick), facts }
    }
    case 'latest': {
      // The last matching fact on or before the period end, whenever it started (SPEC §4).
      const all = scope.facts.get(m.type as EventType) ?? NONE
      const last = all
        .filter(
          (f) =>
            f.occurredOn <= scope.period.to && matches(f, m.where) && fieldValue(f, m.field) !== undefined
        )
        .at(-1)
      if (!last) return { value: undefinedValue(TYPE_LABEL(m.type)), facts: [] }
      const v = fieldValue(last, m.field)
      const value: Value =
        typeof v === 'boolean'
          ? { _tag: 'boolean', b: v }
          : typeof v === 'number'
            ? num(new Decimal(String(v)))
            : { _tag: 'date', date: String(v) }
      return { value, facts: [last] }
    }
    case 'earliest': {
      const first = select(scope, m.type, m.where)[0]
      if (!first) return { value: undefinedValue(TYPE_LABEL(m.type)), facts: [] }
      return { value: { _tag: 'date', date: first.occurredOn }, facts: [first] }
    }
    case 'ratio': {
      const a = inner(m.of[0], scope)
      const b = inner(m.of[1], scope)
      const facts = merge(a, b)
      if (a.value._tag !== 'number' || b.value._tag !== 'number')
        return { value: undefinedValue('分子或分母无法计算'), facts }
      return { value: ratio(a.value.n, b.value.n, 'ratio', '分母为 0'), facts }
    }
    case 'change': {
      const cur = inner(m.of, scope)
      const prev = inner(m.of, { ...scope, period: previousPeriod(scope.period) })
      const facts = merge(cur, prev)
      if (cur.value._tag !== 'number' || prev.value._tag !== 'number')
        return { value: undefinedValue('本期或上期无法计算'), facts }
      return { value: ratio(cur.value.n.minus(prev.value.n), prev.value.n, 'change', '上期为 0'), facts }
    }
  }
}
