/** @module flag: a true value (or any count above zero) earns the item's full points, otherwise none. */

import { describeValue, fraction, type Value } from '../metrics/value'
import { type Decimal, plain, ZERO } from '../primitives/decimal'
import type { Scored } from './scored'

const truthy = (v: Value): boolean => {
  if (v._tag === 'boolean') return v.b
  const f = fraction(v)
  return f?.num.greaterThan(0) === true
}

/** @example flag(true) of 4 → 4; flag(false) → 0. */
export const scoreFlag = (value: Value, max: Decimal): Scored =>
  truthy(value)
    ? { points: max, explanation: `取值 ${describeValue(value)}，达到要求，得满分 ${plain(max)} 分` }
    : { points: ZERO, explanation: `取值 ${describeValue(value)}，未达到要求，得 0 分` }
