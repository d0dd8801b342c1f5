/**
 * @module rank: points by place among the scheme's units on a metric — `first` for the best, `step` fewer per
 * place below, never below 0 ("第一名满分，每降1位减0.5分"); tied units share the better place (1, 2, 2, 4).
 */

import { describeValue, fraction, type Value } from '../metrics/value'
import { Decimal, max0, plain } from '../primitives/decimal'
import type { Order } from '../scheme/scoring-spec'
import type { Scored } from './scored'

/** Exact comparison of two numeric values: sign of a − b (cross-multiplied, denominators positive). */
const cmp = (a: Value, b: Value): number => {
  const x = fraction(a)!
  const y = fraction(b)!
  return x.num.times(y.den).comparedTo(y.num.times(x.den))
}

/** Competition places of the given values: 1 + how many are strictly better. */
export const places = (values: ReadonlyMap<string, Value>, order: Order): ReadonlyMap<string, number> => {
  const entries = [...values]
  const better = (a: Value, b: Value) => (order === 'asc' ? cmp(a, b) < 0 : cmp(a, b) > 0)
  return new Map(entries.map(([unit, v]) => [unit, 1 + entries.filter(([, w]) => better(w, v)).length]))
}

/** @example 3rd place, first 5, step 0.5 → 5 − 2 × 0.5 = 4.00. */
export const scoreRank = (value: Value, place: number, of: number, first: number, step: number): Scored => {
  const f = new Decimal(String(first))
  const s = new Decimal(String(step))
  const points = max0(f.minus(s.times(place - 1)))
  return {
    points,
    explanation: `取值 ${describeValue(value)}，在 ${of} 个单位中排第 ${place} 名：第一名 ${plain(f)} 分，每降 1 位减 ${plain(s)} 分，得 ${points.toFixed(2)} 分`,
  }
}
