/**
 * @module A unit reports what happened: a fact dated after the day it is recorded (Beijing time) is refused. A
 * reporter's future date would count in live views at once (a training "held" next week) and, near a deadline,
 * claim work not yet done. Checked for reporters, whose facts are recorded now; the 考核组's and the city's
 * dates are theirs to set (a trusted re-load keeps each line's own recording instant anyway).
 */
import { beijingDateOf, type DomainEvent, type Issue } from '@kaoping/core'

export const futureDates = (events: ReadonlyArray<DomainEvent>, now: string): Issue[] => {
  const today = beijingDateOf(Date.parse(now))
  return events.flatMap((e, i) => {
    const on = (e.data as { occurredOn?: unknown }).occurredOn
    return typeof on === 'string' && on > today
      ? [
          {
            path: `events.${i}.data.occurredOn`,
            message: `发生日期 ${on} 晚于记录当天（北京时间 ${today}）：只能记录已经发生的事实`,
          },
        ]
      : []
  })
}
