/**
 * @module The ranking without its event id lists (`view=summary`): each indicator and fired rule carries
 * `eventCount` instead of `events`. The full Result lists every event id behind every indicator (SPEC §4) —
 * 284 KB for the demo city, tens of MB for a province — while a ranking table needs only the counts; the ids
 * stay one request away on the unit route, paged. Derived from the full Result, so it cannot disagree with it.
 */
import type { Result } from '@kaoping/core'

const counted = <T extends { readonly events: ReadonlyArray<string> }>({ events, ...rest }: T) => ({
  ...rest,
  eventCount: events.length,
})

export const summarize = (result: Result) => ({
  ...result,
  units: result.units.map((u) => ({
    ...u,
    rulesFired: u.rulesFired.map(counted),
    categories: u.categories.map((c) => ({ ...c, indicators: c.indicators.map(counted) })),
    bonus: u.bonus ? { ...u.bonus, indicators: u.bonus.indicators.map(counted) } : null,
  })),
})

/** The summary of the latest stored ranking text, computed once per change of that text. */
export const summaries = () => {
  const latest = new Map<string, { readonly full: string; readonly summary: string }>()
  return (key: string, full: string): string => {
    const hit = latest.get(key)
    if (hit && hit.full === full) return hit.summary
    const summary = JSON.stringify(summarize(JSON.parse(full) as Result))
    latest.set(key, { full, summary })
    return summary
  }
}
