/** @module Special rules (veto 一票否决, zero 计"0"分, gradeCap 不得评为优秀), evaluated per unit, applied in that order. */
import { evaluate, type MetricScope } from '../metrics/evaluate'
import { compareTo, fraction, type Value } from '../metrics/value'
import { Decimal } from '../primitives/decimal'
import type { Rule } from '../scheme/scheme'

export interface RuleOutcome {
  readonly rule: Rule
  readonly fired: boolean
  readonly value: Value
  readonly events: ReadonlyArray<string>
}

const ORDER: Readonly<Record<Rule['kind'], number>> = { veto: 0, zero: 1, gradeCap: 2 }

/** Rules sorted into the order the SPEC applies them; the scheme's own order breaks ties. */
export const orderedRules = (rules: ReadonlyArray<Rule>): ReadonlyArray<Rule> =>
  [...rules]
    .map((r, i) => [r, i] as const)
    .sort((a, b) => ORDER[a[0].kind] - ORDER[b[0].kind] || a[1] - b[1])
    .map(([r]) => r)

const holds = (value: Value, when: Rule['when']): boolean => {
  const f =
    value._tag === 'boolean' ? { num: new Decimal(value.b ? 1 : 0), den: new Decimal(1) } : fraction(value)
  if (!f) return false
  if (when.gte !== undefined) return compareTo(f, new Decimal(String(when.gte))) >= 0
  if (when.lte !== undefined) return compareTo(f, new Decimal(String(when.lte))) <= 0
  if (when.eq !== undefined) return compareTo(f, new Decimal(String(when.eq))) === 0
  return false
}

export const evaluateRule = (rule: Rule, scope: MetricScope): RuleOutcome => {
  const { value, events } = evaluate(rule.when.metric, scope)
  return { rule, fired: holds(value, rule.when), value, events }
}
