/**
 * @module The ranking without its event id lists (`view=summary`): each indicator and fired rule carries
 * `eventCount` instead of `events`. The full Result lists every event id behind every indicator (SPEC §4) —
 * 284 KB for the demo city, tens of MB for a province — while a ranking table needs only the counts; the ids
 * stay one request away on the unit route, paged. Derived from the full Result, so it cannot disagree with it.
 */
import type { Result, UnitResult } from './result'

/** Only a list's length is read: the projections pass `{ length }` for lists they did not load. */
type Listed = { readonly events: { readonly length: number } }

const counted = <T extends Listed>({ events, ...rest }: T) => ({ ...rest, eventCount: events.length })

export const summarizeUnit = (u: UnitResult) => ({
  ...u,
  rulesFired: u.rulesFired.map(counted),
  categories: u.categories.map((c) => ({ ...c, indicators: c.indicators.map(counted) })),
  bonus: u.bonus ? { ...u.bonus, indicators: u.bonus.indicators.map(counted) } : null,
})

export const summarize = (result: Result) => ({ ...result, units: result.units.map(summarizeUnit) })
