/**
 * @module A part never exceeds its whole: an exam's `passed` is at most its `attendees`. Sums of both make the law
 * exam's pass rate (学法考试合格率, and the rule "合格率低于85%的，不得评为优秀"), so one record of 0 sitting and 16
 * passing lifted 84 of 100 to 100 of 100 — and the cap with it. Asked of new events only (new-events.ts): a
 * stored record stays readable.
 */
import type { DomainEvent, Issue } from '@kaoping/core'

export const impossibleCounts = (events: ReadonlyArray<DomainEvent>): Issue[] =>
  events.flatMap((e, i) => {
    if (e.type !== 'TrainingHeld') return []
    const { passed, attendees } = e.data as { passed?: number; attendees: number }
    return passed !== undefined && passed > attendees
      ? [
          {
            path: `events.${i}.data.passed`,
            message: `合格人数 ${passed} 多于参加人数 ${attendees}：合格人数不能超过参加人数`,
          },
        ]
      : []
  })
