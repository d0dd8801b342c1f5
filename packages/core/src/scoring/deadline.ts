/** @module deadline: full points if done by `due`, `perDayLate` off for each calendar day late, never below 0. */

import type { Value } from '../metrics/value'
import { Decimal, max0, plain } from '../primitives/decimal'
import { daysBetween } from '../primitives/iso-date'
import type { Scored } from './scored'

/** @example plan due 2017-04-30, issued 2017-05-10, 0.1/day, item 3 → 3 − 10 × 0.1 = 2.00. */
export const scoreDeadline = (value: Value, max: Decimal, due: string, perDayLate: number): Scored => {
  const done = value._tag === 'date' ? value.date : due
  const late = Math.max(0, daysBetween(due, done))
  if (late === 0)
    return {
      points: max,
      explanation: `要求 ${due} 前完成，实际 ${done} 完成，按时，得满分 ${plain(max)} 分`,
    }
  const per = new Decimal(String(perDayLate))
  const points = max0(max.minus(per.times(late)))
  return {
    points,
    explanation: `要求 ${due} 前完成，实际 ${done} 完成，逾期 ${late} 天，每天扣 ${plain(per)} 分：${plain(max)} − ${plain(per.times(late))} = ${points.toFixed(2)} 分`,
  }
}
