/** @module Every instant a person reads is Beijing time (UTC+8, SPEC §5): `2018-01-01 17:16`; business dates stay as they are. */
const OFFSET = 8 * 3_600_000

/** `2018-01-01T09:16:00.000Z` → `2018-01-01 17:16`; a bare date is returned as is. */
export const beijing = (iso: string): string => {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  return new Date(ms + OFFSET).toISOString().slice(0, 16).replace('T', ' ')
}

/** Today's date in Beijing (for occurredOn of acts done now: a review, an appeal, a retraction). */
export const todayBeijing = (): string => new Date(Date.now() + OFFSET).toISOString().slice(0, 10)

/** A date some days from today, in Beijing. */
export const daysFromToday = (days: number): string =>
  new Date(Date.now() + OFFSET + days * 86_400_000).toISOString().slice(0, 10)
