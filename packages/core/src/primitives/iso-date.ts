/** @module Calendar dates (YYYY-MM-DD) and instants (ISO-8601 UTC), branded so an impossible date fails at decode time. */
import * as t from 'io-ts'

export interface IsoDateBrand {
  readonly IsoDate: unique symbol
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/

/** True for a real calendar date: 2017-02-29 is rejected, 2016-02-29 accepted. */
export const isRealDate = (s: string): boolean => {
  const m = DATE_RE.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

export const IsoDate = t.brand(
  t.string,
  (s): s is t.Branded<string, IsoDateBrand> => isRealDate(s),
  'IsoDate'
)
export type IsoDate = t.TypeOf<typeof IsoDate>

export interface IsoInstantBrand {
  readonly IsoInstant: unique symbol
}

const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/

export const isInstant = (s: string): boolean =>
  INSTANT_RE.test(s) && isRealDate(s.slice(0, 10)) && !Number.isNaN(Date.parse(s))

/** An instant with an explicit offset; compare instants with {@link instantMs}, never as strings. */
export const IsoInstant = t.brand(
  t.string,
  (s): s is t.Branded<string, IsoInstantBrand> => isInstant(s),
  'IsoInstant'
)
export type IsoInstant = t.TypeOf<typeof IsoInstant>

const DAY_MS = 86_400_000

export const dayNumber = (d: string): number => Date.parse(`${d}T00:00:00Z`) / DAY_MS

export const fromDayNumber = (n: number): IsoDate =>
  new Date(n * DAY_MS).toISOString().slice(0, 10) as IsoDate

/** Whole calendar days from a to b (positive when b is later). */
export const daysBetween = (a: string, b: string): number => dayNumber(b) - dayNumber(a)

export const instantMs = (s: string): number => Date.parse(s)

/** Normalises any instant to `YYYY-MM-DDTHH:mm:ss.sssZ` so results print one form. */
export const toUtcIso = (ms: number): string => new Date(ms).toISOString()

/**
 * Business dates are Chinese local dates; China has one zone (UTC+8) and no daylight saving,
 * so the calendar day of an instant and the end of a calendar day are fixed offsets.
 */
const BEIJING_OFFSET_MS = 8 * 3_600_000

export const beijingDateOf = (ms: number): IsoDate =>
  new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10) as IsoDate

export const endOfBeijingDayMs = (d: string): number => Date.parse(`${d}T23:59:59.999+08:00`)

/**
 * An instant as a person in China reads it (SPEC §5): Beijing time to the minute (`2018-01-01 17:16`), the end of
 * a day as `24:00` (a bare date means the end of that day), seconds only when not 0. Text only; JSON keeps ISO.
 * China has one zone and no daylight saving, so Beijing time is UTC+8 at every instant.
 */
export const beijingTime = (iso: string): string => {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return `${iso} 24:00`
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  const local = new Date(ms + BEIJING_OFFSET_MS).toISOString()
  const date = local.slice(0, 10)
  if (local.slice(11, 23) === '23:59:59.999') return `${date} 24:00`
  const seconds = local.slice(17, 19)
  return `${date} ${local.slice(11, 16)}${seconds === '00' ? '' : `:${seconds}`}`
}
