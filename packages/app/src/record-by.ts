/**
 * @module Decisions by day hold until the day ends. Every rule that reads the clock decides by Beijing day (an
 * appeal window's last day, a fact dated after the recording day, a publication's date): a decision taken at `now`
 * holds until that day ends. The store refuses a batch it would stamp later (`AppendRequest.recordBy`), so the log
 * never holds an event its own recordedAt would have refused — an admin's re-load of the export, which decides at
 * each line's recordedAt, takes it back. A way in that read the clock itself decides once more when refused.
 */
import { beijingDateOf, endOfBeijingDayMs } from '@kaoping/core'
import * as E from 'fp-ts/Either'

/** The last instant of `now`'s Beijing day: the store's `recordBy` for a decision taken at `now`. */
export const recordByOf = (now: string): string =>
  new Date(endOfBeijingDayMs(beijingDateOf(Date.parse(now)))).toISOString()

/** `decide()`, and once more if midnight (Beijing) passed between deciding and writing (nothing was written). */
export const decidedAgainAfterMidnight = async <L extends { readonly _tag: string }, R>(
  decide: () => Promise<E.Either<L, R>>
): Promise<E.Either<L, R>> => {
  const first = await decide()
  return E.isLeft(first) && first.left._tag === 'RecordByPassed' ? decide() : first
}
