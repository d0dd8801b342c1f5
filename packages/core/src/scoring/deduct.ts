/** @module deduct: `per` points off for each unit of the value, never below 0, the deductions optionally capped (扣分上限). */

import { describeValue, fraction, toDecimal, type Value } from '../metrics/value'
import { Decimal, max0, plain } from '../primitives/decimal'
import type { Scored } from './scored'

/**
 * @example 2 lawsuits lost at 2 points each, item 6 → 6 − 4 = 2.00.
 * @example 5 missed studies at 0.3 each, item 1.5, cap 1.2 → 1.5 − min(1.5, 1.2) = 0.30.
 * @example 4 lawsuits lost at 2 each, item 6 → 应扣 8 分，扣完为止，得 0 分 (never "6 − 8 = 0").
 */
export const scoreDeduct = (value: Value, max: Decimal, per: number, cap: number | undefined): Scored => {
  const perD = new Decimal(String(per))
  const raw = max0(toDecimal(fraction(value)!).times(perD))
  const head = `取值 ${describeValue(value)}，每项扣 ${plain(perD)} 分`
  if (cap !== undefined && raw.greaterThan(cap)) {
    const limit = Decimal.min(new Decimal(String(cap)), max)
    const points = max0(max.minus(limit))
    return {
      points,
      explanation: `${head}，应扣 ${plain(raw)} 分，扣分上限 ${plain(new Decimal(String(cap)))} 分：${plain(max)} − ${plain(limit)} = ${points.toFixed(2)} 分`,
    }
  }
  if (raw.greaterThan(max))
    return {
      points: new Decimal(0),
      explanation: `${head}，应扣 ${plain(raw)} 分，超过该项满分 ${plain(max)} 分，扣完为止，得 0 分`,
    }
  const points = max.minus(raw)
  return { points, explanation: `${head}：${plain(max)} − ${plain(raw)} = ${points.toFixed(2)} 分` }
}
