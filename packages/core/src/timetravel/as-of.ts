/** @module The instant of a time-travel query (SPEC §5), for both bases. */
import * as E from 'fp-ts/Either'
import type { Issue } from '../codec/issues'
import {
  beijingDateOf,
  endOfBeijingDayMs,
  instantMs,
  isInstant,
  isRealDate,
  toUtcIso,
} from '../primitives/iso-date'
import type { Basis } from '../result/result'

/**
 * - `recorded`: what had been recorded by `recordedBy` (ms); facts of any business date.
 * - `occurred`: everything recorded, counting facts that occurred on or before `occurredBy`.
 * `label` is the asOf the Result reports.
 */
export type Cut =
  | { readonly basis: 'recorded'; readonly recordedBy: number; readonly label: string }
  | { readonly basis: 'occurred'; readonly occurredBy: string; readonly label: string }
  | { readonly basis: Basis; readonly label: null }

/**
 * Reads `--as-of`: an instant with its offset, or a bare date. Business dates are Beijing dates, so a bare
 * date on the recorded basis means the end of that day in Beijing (23:59:59.999+08:00), and an instant on
 * the occurred basis counts facts up to its Beijing date.
 */
export const parseAsOf = (input: string | undefined, basis: Basis): E.Either<Issue, Cut> => {
  if (input === undefined) return E.right({ basis, label: null })
  if (isRealDate(input)) {
    return E.right(
      basis === 'recorded'
        ? { basis, recordedBy: endOfBeijingDayMs(input), label: toUtcIso(endOfBeijingDayMs(input)) }
        : { basis, occurredBy: input, label: input }
    )
  }
  if (isInstant(input)) {
    const ms = instantMs(input)
    return E.right(
      basis === 'recorded'
        ? { basis, recordedBy: ms, label: toUtcIso(ms) }
        : { basis, occurredBy: beijingDateOf(ms), label: beijingDateOf(ms) }
    )
  }
  return E.left({
    path: 'asOf',
    message: `应为日期（YYYY-MM-DD）或带时区的 ISO-8601 时间，实际为 ${JSON.stringify(input)}`,
  })
}
