/**
 * @module Statutory time limits on the calendar the State Council publishes each year: weekends are rest days
 * unless made working days (调休上班), and the listed holidays are rest days. Two ways a limit counts:
 * - working days (劳动保障监察条例 第十七条 "自立案之日起60个工作日内"): the n-th working day after the start;
 * - days (工伤保险条例 第二十条 "自受理之日起60日内"): the start plus n days, and a last day that is a rest day
 *   moves to the next working day (民法典 第二百零一条、第二百零三条: the first day is not counted; "期间的最后一日
 *   是法定休假日的，以法定休假日结束的次日为期间的最后一日").
 * Dates are ISO strings; arithmetic runs on day numbers (no Date per step).
 */
import { dayNumber, fromDayNumber, type IsoDate } from './iso-date'

export interface Calendar {
  /** Dates that are rest days though weekdays (放假). */
  readonly holidays: ReadonlyArray<string>
  /** Dates that are working days though weekends (调休上班). */
  readonly workdays: ReadonlyArray<string>
}

/** How a limit counts: `days` (calendar days) or `workingDays`. */
export type Limit = { readonly days: number } | { readonly workingDays: number }

interface Days {
  readonly rest: ReadonlySet<number>
  readonly work: ReadonlySet<number>
  /**
   * Last days already counted, by start and limit: a unit's cases share a few hundred opening dates, and a case
   * count asks for every case's last day at each evaluation. Bounded by the distinct (date, limit) pairs asked.
   */
  readonly last: Map<string, IsoDate>
}

const sets = new WeakMap<Calendar, Days>()
const daysOf = (c: Calendar): Days => {
  let known = sets.get(c)
  if (!known) {
    known = {
      rest: new Set(c.holidays.map(dayNumber)),
      work: new Set(c.workdays.map(dayNumber)),
      last: new Map(),
    }
    sets.set(c, known)
  }
  return known
}

/** Day 0 (1970-01-01) was a Thursday: day n is a Saturday when n % 7 === 2, a Sunday when n % 7 === 3. */
const isWeekend = (n: number) => {
  const w = ((n % 7) + 7) % 7
  return w === 2 || w === 3
}

const isRest = (n: number, d: Days) => !d.work.has(n) && (d.rest.has(n) || isWeekend(n))

export const isRestDay = (date: string, calendar: Calendar): boolean =>
  isRest(dayNumber(date), daysOf(calendar))

/** The last day of a limit of `n` (days or working days) that starts on `start` (the start itself not counted). */
export const lastDayOf = (start: string, limit: Limit, calendar: Calendar): IsoDate => {
  const d = daysOf(calendar)
  const key = 'workingDays' in limit ? `${start}w${limit.workingDays}` : `${start}d${limit.days}`
  let last = d.last.get(key)
  if (last === undefined) {
    last = count(start, limit, d)
    d.last.set(key, last)
  }
  return last
}

const count = (start: string, limit: Limit, d: Days): IsoDate => {
  let day = dayNumber(start)
  if ('workingDays' in limit) {
    for (let left = limit.workingDays; left > 0; ) {
      day += 1
      if (!isRest(day, d)) left -= 1
    }
    return fromDayNumber(day)
  }
  day += limit.days
  while (isRest(day, d)) day += 1
  return fromDayNumber(day)
}
