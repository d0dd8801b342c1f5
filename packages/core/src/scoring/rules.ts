/** @module Special rules (veto 一票否决, zero 计"0"分, gradeCap 不得评为优秀), evaluated per unit, applied in that order. */
import { evaluate, type MetricScope } from '../metrics/evaluate'
import { compareTo, describeThreshold, describeValue, fraction, type Value } from '../metrics/value'
import { Decimal } from '../primitives/decimal'
import { namedMetric } from '../scheme/metric'
import type { Rule } from '../scheme/scheme'
import { passes, SYMBOL, TESTS } from './comparison'

export interface RuleOutcome {
  readonly rule: Rule
  readonly fired: boolean
  readonly value: Value
  readonly events: ReadonlyArray<string>
  /** "取值 2，条件 ≥ 2，已触发" or "未触发：取值 0，条件 ≥ 1". */
  readonly explanation: string
}

const ORDER: Readonly<Record<Rule['kind'], number>> = { veto: 0, zero: 1, gradeCap: 2 }

/** Rules sorted into the order the SPEC applies them; the scheme's own order breaks ties. */
export const orderedRules = (rules: ReadonlyArray<Rule>): ReadonlyArray<Rule> =>
  [...rules]
    .map((r, i) => [r, i] as const)
    .sort((a, b) => ORDER[a[0].kind] - ORDER[b[0].kind] || a[1] - b[1])
    .map(([r]) => r)

/** The rule's one test (validation guarantees exactly one). */
const testOf = (when: Rule['when']) => {
  for (const test of TESTS) {
    const threshold = when[test]
    if (threshold !== undefined) return { test, threshold: new Decimal(String(threshold)) }
  }
  return undefined
}

const asFraction = (value: Value) =>
  value._tag === 'boolean' ? { num: new Decimal(value.b ? 1 : 0), den: new Decimal(1) } : fraction(value)

/** A grade cap that also holds when its metric has no value (scheme.ts `whenUndefined`). */
export const firesOnNoValue = (rule: Rule): boolean =>
  rule.kind === 'gradeCap' && rule.whenUndefined === 'fire'

/**
 * `today`: the evaluation date (undefined: after every date). A cap that fires on no value does so only once the
 * period is over: in August, a district that has not sat this year's exam yet has no pass rate, and is not capped
 * for it.
 */
export const evaluateRule = (rule: Rule, scope: MetricScope, today?: string): RuleOutcome => {
  const { value, events } = evaluate(rule.when.metric, scope)
  const test = testOf(rule.when)
  const f = asFraction(value)
  // A rate with no value still shows its threshold as a rate: 条件 < 85.00%, not < 0.85.
  const ref = rule.when.metric
  const rate = (typeof ref === 'string' ? namedMetric(scope.named, ref) : ref)?._tag === 'ratio'
  const condition = test
    ? `条件 ${SYMBOL[test.test]} ${describeThreshold(value, test.threshold, rate)}`
    : '无条件'
  // A cap that cannot be escaped by having no value (scheme.ts `whenUndefined`); a date is a value, never undefined.
  if (value._tag === 'undefined' && firesOnNoValue(rule) && (today === undefined || today > scope.period.to))
    return {
      rule,
      fired: true,
      value,
      events,
      explanation: `取值${describeValue(value)}，按规定视为触发（${condition}）`,
    }
  const fired = test !== undefined && f !== undefined && passes(compareTo(f, test.threshold), test.test)
  const explanation = fired
    ? `取值 ${describeValue(value)}，${condition}，已触发`
    : `未触发：取值 ${describeValue(value)}，${condition}`
  return { rule, fired, value, events, explanation }
}
