/** @module deduct: `per` points off for each unit of the value, never below 0, the deductions optionally capped (扣分上限). */

import { describeValue, fraction, toDecimal, type Value } from '../metrics/value'
import { Decimal, max0, plain } from '../primitives/decimal'
import type { Scored } from './scored'

/**
 * @example 2 lawsuits lost at 2 points each, item 6 → 6 − 4 = 2.00.
 * @example 5 missed studies at 0.3 each, item 1.5, cap 1.2 → 1.5 − min(1.5, 1.2) = 0.30.
 */
export const scoreDeduct = (value: Value, max: Decimal, per: number, cap: number | undefined): Scored => {
  const raw = toDecimal(fraction(value)!).times(new Decimal(String(per)))
  const limit = cap === undefined ? max : new Decimal(String(cap))
  const deduction = Decimal.min(max0(raw), limit)
  const points = max0(max.minus(deduction))
  const capped = raw.greaterThan(limit) ? `（扣分上限 ${plain(limit)} 分）` : ''
  return {
    points,
    explanation: `取值 ${describeValue(value)}，每项扣 ${plain(new Decimal(String(per)))} 分${capped}：${plain(max)} − ${plain(deduction)} = ${points.toFixed(2)} 分`,
  }
}
