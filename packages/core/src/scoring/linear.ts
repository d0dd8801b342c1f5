/** @module linear: max × min(1, value / target) — full marks at the target, proportional below it. */

import { describeThreshold, describeValue, fraction, type Value } from '../metrics/value'
import { Decimal, plain } from '../primitives/decimal'
import type { Scored } from './scored'

/** @example 3 leadership studies against a target of 4, item 4 points → 4 × 3/4 = 3.00. */
export const scoreLinear = (value: Value, max: Decimal, target: number): Scored => {
  const f = fraction(value)!
  const t = new Decimal(String(target))
  // max × num / (den × target), divided once so the only rounding is the final 2-decimal one.
  const raw = max.times(f.num).div(f.den.times(t))
  const points = Decimal.max(0, Decimal.min(max, raw))
  return {
    points,
    explanation: `取值 ${describeValue(value)}，目标 ${describeThreshold(value, t)}：${plain(max)} × min(1, 取值/目标) = ${points.toFixed(2)} 分`,
  }
}
