/**
 * @module A case against its statutory time limit (法定办理期限), as the scheme states them per kind: the last
 * day it may be closed on, whether it was closed by then, and whether it is overdue at the evaluation date.
 *
 * The unit's own `withinTimeLimit` on a closing is what it declares; these are computed from the dates it
 * reported, so a late closing declared on time, or an overdue case simply left open, still counts as a miss
 * (a unit that wants a better 按期结案率 would otherwise do exactly that).
 */
import type { Fact } from '../facts/fact'
import { type Calendar, lastDayOf } from '../primitives/calendar'
import { daysBetween } from '../primitives/iso-date'
import type { TimeLimit } from '../scheme/scheme'
import type { LimitAttributes } from './attributes'
import type { CaseRecord } from './fold'

export interface TimeLimits {
  readonly limits: Readonly<Partial<Record<string, TimeLimit>>>
  readonly calendar: Calendar
  /** How many days after a last day a closing or extension dated by it may still be entered (scheme `entryDays`). */
  readonly entryDays: number
}

/** The scheme's `entryDays` when it states none: ten days, the lag of ordinary data entry. */
export const ENTRY_DAYS = 10

const NONE: LimitAttributes = { dueOn: null, closedOnTime: null, overdue: null, enteredLate: null }

const byApproval = (a: Fact, b: Fact) =>
  a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : 0

/**
 * A closing or extension dated by a last day is the unit's own word about when it happened: it holds if it was
 * entered within `entryDays` after that day, or once the 考核组 verified it — otherwise a closing made months late and
 * dated back would be on time (the same rule as a unit's `countsOn`). Only a reporter's carry `recordedOn`
 * (fact-fold.ts): the city's and the 考核组's are taken at their dates.
 */
const enteredInTime = (f: Fact, due: string, t: TimeLimits) =>
  f.verified === true || f.recordedOn === undefined || daysBetween(due, f.recordedOn) <= t.entryDays

/**
 * The last day the case may be closed on: its limit from the day it was opened (that day not counted), then each
 * extension approved between the opening and the last day in force when it was approved, and entered in time — one
 * approved after the limit had run out extends nothing (a case cannot be made timely afterwards) — up to the kind's
 * `extension` in all (none without it: the law's maximum bounds what a unit's own report can add). Extensions count
 * as the limit does.
 */
export const dueOf = (c: CaseRecord, t: TimeLimits): string | null => {
  const limit = t.limits[c.attributes.kind]
  if (!limit) return null
  const opened = c.opening.occurredOn
  let due: string = lastDayOf(opened, limit, t.calendar)
  let left = limit.extension ?? 0
  const extensions = c.extensions.length < 2 ? c.extensions : [...c.extensions].sort(byApproval)
  for (const e of extensions) {
    if (left === 0) break
    if (e.occurredOn < opened || e.occurredOn > due || !enteredInTime(e, due, t)) continue
    const days = Number(e.data.days)
    const added = days < left ? days : left
    left -= added
    due = lastDayOf(due, 'workingDays' in limit ? { workingDays: added } : { days: added }, t.calendar)
  }
  return due
}

/**
 * {@link LimitAttributes} of a case evaluated on `cut` (the evaluation date, at most the period's end): a closed case
 * is on time if it closed (`occurredOn`) by its last day, was entered in time or verified, and the unit did not itself
 * declare the closing late (a limit the scheme does not state — 工伤认定's 15 days for a clear case — is the unit's to
 * know: its word can only cost it, never earn it a point); an open one is overdue once `cut` is past that day.
 */
export const limitAttributes = (c: CaseRecord, t: TimeLimits | undefined, cut: string): LimitAttributes => {
  const due = t && dueOf(c, t)
  if (!t || !due) return NONE
  const closing = c.closing
  if (closing === null) return { dueOn: due, closedOnTime: null, overdue: cut > due, enteredLate: null }
  const dated = closing.occurredOn <= due && c.attributes.withinTimeLimit !== false
  const entered = enteredInTime(closing, due, t)
  const onTime = dated && entered
  return { dueOn: due, closedOnTime: onTime, overdue: !onTime, enteredLate: dated && !entered }
}
