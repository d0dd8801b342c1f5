/** @module deadline: full points if done by `due`, `perDayLate` off for each calendar day late, never below 0. */

import type { Value } from '../metrics/value'
import { Decimal, max0, plain } from '../primitives/decimal'
import { daysBetween } from '../primitives/iso-date'
import type { Scored } from './scored'

/**
 * @example plan due 2017-04-30, issued 2017-05-10, 0.1/day, item 3 → 3 − 10 × 0.1 = 2.00.
 * @example 17 days late at 0.1/day, item 1 → 应扣 1.7 分，扣完为止，得 0 分 (never "1 − 1.7 = 0.00").
 */
export const scoreDeadline = (value: Value, max: Decimal, due: string, perDayLate: number): Scored => {
  const done = value._tag === 'date' ? value.date : due
  const late = Math.max(0, daysBetween(due, done))
  if (late === 0)
    return {
      points: max,
      explanation: `要求 ${due} 前完成，实际 ${done} 完成，按时，得满分 ${plain(max)} 分`,
    }
  const per = new Decimal(String(perDayLate))
  const deduction = per.times(late)
  const points = max0(max.minus(deduction))
  const head = `要求 ${due} 前完成，实际 ${done} 完成，逾期 ${late} 天，每天扣 ${plain(per)} 分`
  return {
    points,
    explanation: deduction.greaterThan(max)
      ? `${head}，应扣 ${plain(deduction)} 分，超过该项满分 ${plain(max)} 分，扣完为止，得 0 分`
      : `${head}：${plain(max)} − ${plain(deduction)} = ${points.toFixed(2)} 分`,
  }
}
