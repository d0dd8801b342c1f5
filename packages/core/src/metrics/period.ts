/** @module Assessment periods and the previous period of equal length (for `change`, "双下降"). */
import { dayNumber, fromDayNumber, type IsoDate } from '../primitives/iso-date'

export interface Period {
  readonly from: string
  readonly to: string
}

export const within = (d: string, p: Period): boolean => d >= p.from && d <= p.to

const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()

/**
 * The period just before `p` with the same length. A period of whole months (a calendar year,
 * seed 000's 2022-07 → 2023-06) shifts by whole months, so 2017 compares with 2016, not with
 * 365 days ending 2016-12-31 starting 2016-01-02. Other periods shift by their day count.
 */
export const previousPeriod = (p: Period): Period => {
  const [fy, fm, fd] = p.from.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = p.to.split('-').map(Number) as [number, number, number]
  if (fd === 1 && td === lastDayOfMonth(ty, tm)) {
    const months = (ty - fy) * 12 + (tm - fm) + 1
    const shift = (y: number, m: number) => {
      const idx = y * 12 + (m - 1) - months
      return [Math.floor(idx / 12), (idx % 12) + 1] as const
    }
    const [py, pm] = shift(fy, fm)
    const [qy, qm] = shift(ty, tm)
    const pad = (n: number) => String(n).padStart(2, '0')
    return { from: `${py}-${pad(pm)}-01`, to: `${qy}-${pad(qm)}-${pad(lastDayOfMonth(qy, qm))}` }
  }
  const len = dayNumber(p.to) - dayNumber(p.from) + 1
  return { from: fromDayNumber(dayNumber(p.from) - len), to: fromDayNumber(dayNumber(p.to) - len) as IsoDate }
}

const pad2 = (n: number) => String(n).padStart(2, '0')

/** `d` plus `months` calendar months, the day clamped to the month's length (01-31 + 1 → 02-28). */
export const addMonths = (d: string, months: number): string => {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number]
  const idx = y * 12 + (m - 1) + months
  const [ny, nm] = [Math.floor(idx / 12), (idx % 12) + 1]
  return `${ny}-${pad2(nm)}-${pad2(Math.min(day, lastDayOfMonth(ny, nm)))}`
}

/** The period's quarters: 3-month slices from `from` (the last one may be shorter), SPEC §4 "Quarters". */
export const quartersOf = (p: Period): ReadonlyArray<Period> => {
  const out: Period[] = []
  for (let k = 0; ; k++) {
    const from = addMonths(p.from, 3 * k)
    if (from > p.to) return out
    const next = addMonths(p.from, 3 * (k + 1))
    out.push({ from, to: fromDayNumber(Math.min(dayNumber(next) - 1, dayNumber(p.to))) })
  }
}
