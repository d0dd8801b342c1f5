/**
 * @module Instants as a person in China reads them: Beijing time, to the minute (`2018-01-01 17:16`), the end of a
 * day as `24:00` (a bare date means the end of that day, SPEC §5). JSON output keeps ISO-8601; this is for text.
 * China has one zone and no daylight saving, so Beijing time is UTC+8 at every instant.
 */
const BEIJING_OFFSET_MS = 8 * 3_600_000

/** `2017-06-30T15:59:59.999Z` → `2017-06-30 24:00`; `2018-01-01T09:16:00Z` → `2018-01-01 17:16`; seconds only when not 0. */
export const beijingTime = (iso: string): string => {
  // A bare date (as typed by a person) already names a day's end.
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return `${iso} 24:00`
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  const local = new Date(ms + BEIJING_OFFSET_MS).toISOString()
  const date = local.slice(0, 10)
  if (local.slice(11, 23) === '23:59:59.999') return `${date} 24:00`
  const seconds = local.slice(17, 19)
  return `${date} ${local.slice(11, 16)}${seconds === '00' ? '' : `:${seconds}`}`
}
