/** @module bonus: `per` points for each unit of the value, up to the item's max (the block's max caps the sum). */

import { describeValue, fraction, toDecimal, type Value } from '../metrics/value'
import { Decimal, plain } from '../primitives/decimal'
import type { Scored } from './scored'

/** @example 2 provincial honours at +1 each, item max 3 → 2.00. */
export const scoreBonus = (value: Value, max: Decimal, per: number): Scored => {
  const raw = toDecimal(fraction(value)!).times(new Decimal(String(per)))
  const points = Decimal.max(0, Decimal.min(max, raw))
  const capped = raw.greaterThan(max) ? `，封顶 ${plain(max)} 分` : ''
  return {
    points,
    explanation: `取值 ${describeValue(value)}，每项加 ${plain(new Decimal(String(per)))} 分${capped}，得 ${points.toFixed(2)} 分`,
  }
}
