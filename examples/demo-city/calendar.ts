/** @module Dates inside the demo year. */
import type { Rng } from './prng'

const DAY = 86_400_000

export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10)

/** A date between two dates, inclusive. */
export const between = (r: Rng, from: string, to: string): string =>
  addDays(from, r.int(0, (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY))

/** A date in quarter q (1–4) of 2017. */
export const inQuarter = (r: Rng, q: number): string =>
  between(
    r,
    ['2017-01-05', '2017-04-05', '2017-07-05', '2017-10-05'][q - 1]!,
    ['2017-03-28', '2017-06-28', '2017-09-28', '2017-12-20'][q - 1]!
  )

export const YEAR_START = '2017-01-03'
export const YEAR_END = '2017-12-28'
