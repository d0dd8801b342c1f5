import { describe, expect, it } from 'vitest'
import { CALENDAR_2017 as CAL_2017 } from '../testing/calendar-2017'
import { type Calendar, isRestDay, lastDayOf } from './calendar'

const NONE: Calendar = { holidays: [], workdays: [] }

describe('rest days', () => {
  it('rests on weekends and holidays and works on the weekends made working days', () => {
    expect(isRestDay('2017-03-04', CAL_2017)).toBe(true) // Saturday
    expect(isRestDay('2017-10-04', CAL_2017)).toBe(true) // Wednesday, 国庆
    expect(isRestDay('2017-01-22', CAL_2017)).toBe(false) // Sunday, 调休上班
    expect(isRestDay('2017-03-01', CAL_2017)).toBe(false) // Wednesday
  })
})

describe('the last day of a limit in working days', () => {
  it('counts from the day after the start, skipping rest days and counting the weekends made working days', () => {
    // Fri 01-20 → Sun 01-22 (调休), 23, 24, 25, 26.
    expect(lastDayOf('2017-01-20', { workingDays: 5 }, CAL_2017)).toBe('2017-01-26')
    // … then 春节 01-27 to 02-02, Fri 02-03, Sat 02-04 (调休), 02-06, 07, 08.
    expect(lastDayOf('2017-01-20', { workingDays: 10 }, CAL_2017)).toBe('2017-02-08')
    // Without the year's calendar only weekends rest: a different day.
    expect(lastDayOf('2017-01-20', { workingDays: 10 }, NONE)).toBe('2017-02-03')
  })

  it('gives an inspection opened on 2017-03-01 until 2017-05-26, and 30 more until 2017-07-10', () => {
    // March 2–31: 22 working days; April: 04-01 (调休) and 19 more (清明 04-03/04 off) → 42; May 2–26: 18 → 60.
    expect(lastDayOf('2017-03-01', { workingDays: 60 }, CAL_2017)).toBe('2017-05-26')
    // 05-27 (调休), 05-31, June's 22, July 3–7 and 10 → 30.
    expect(lastDayOf('2017-05-26', { workingDays: 30 }, CAL_2017)).toBe('2017-07-10')
  })
})

describe('the last day of a limit in days', () => {
  it('adds the days, and a last day that is a rest day moves to the next working day', () => {
    // 08-02 + 60 = 10-01, inside 国庆 (10-01 to 10-08): Monday 10-09.
    expect(lastDayOf('2017-08-02', { days: 60 }, CAL_2017)).toBe('2017-10-09')
    // 08-02 + 59 = Saturday 09-30, a working day that year: it stays.
    expect(lastDayOf('2017-08-02', { days: 59 }, CAL_2017)).toBe('2017-09-30')
    expect(lastDayOf('2017-03-01', { days: 45 }, CAL_2017)).toBe('2017-04-17') // Sat 04-15 → Mon 04-17
  })
})
