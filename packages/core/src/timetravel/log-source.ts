/**
 * @module Where scoring reads events from: a log split into the registry and each unit's events. Scores are
 * computed unit by unit, so a source only has to answer "this unit's events, recorded by then" — an event file
 * in memory (replay) and the projections' event index answer it the same way, and so score the same.
 */
import { isUnitEvent } from '../events/catalog'
import type { StoredEvent } from '../events/stored'
import { instantMs } from '../primitives/iso-date'
import type { Scheme } from '../scheme/scheme'
import type { KnownFacts } from './fact-fold'

export interface LogSource {
  /** The registry and scheme streams' events (UnitRegistered, SchemePublished, ResultPublished) recorded by `recordedBy` (ms; all when undefined), in log order. */
  readonly registry: (recordedBy?: number) => ReadonlyArray<StoredEvent>
  /**
   * The unit's own events (data.unitId = unitId) recorded by `recordedBy` (ms, compared as `instantMs` does), in
   * log order. Scoring folds them as given, without filtering again: a source that returned later events would
   * change as-of scores.
   */
  readonly unitEvents: (unitId: string, recordedBy?: number) => ReadonlyArray<StoredEvent>
  /** Every published scheme version, whenever published (what-if versions may postdate the cut). */
  readonly allSchemes: () => ReadonlyArray<Scheme>
  /**
   * Facts already made from the unit's events (the projection runner's, for the current state), which an as-of
   * score reuses for the same event objects when they come out the same (timetravel/fact-fold.ts). Optional.
   */
  readonly knownFacts?: (unitId: string) => KnownFacts | undefined
  /** The latest recordedAt by `recordedBy`, as stored; null for an empty log. */
  readonly lastRecordedAt: (recordedBy?: number) => string | null
}

const recordedBy = (events: ReadonlyArray<StoredEvent>, ms: number | undefined) =>
  ms === undefined ? events : events.filter((e) => instantMs(e.recordedAt) <= ms)

/** Every scheme version published in a registry's events, in log order (what `allSchemes` answers). */
export const publishedSchemes = (registry: ReadonlyArray<StoredEvent>): Scheme[] =>
  registry.flatMap((e) => (e.type === 'SchemePublished' ? [e.data.scheme] : []))

/** A source over events held in memory (an event file). */
export const memorySource = (events: ReadonlyArray<StoredEvent>): LogSource => {
  const registry: StoredEvent[] = []
  const units = new Map<string, StoredEvent[]>()
  for (const e of events) {
    if (!isUnitEvent(e)) {
      registry.push(e)
      continue
    }
    const list = units.get(e.data.unitId)
    if (list) list.push(e)
    else units.set(e.data.unitId, [e])
  }
  return {
    registry: (ms) => recordedBy(registry, ms),
    unitEvents: (unitId, ms) => recordedBy(units.get(unitId) ?? [], ms),
    allSchemes: () => publishedSchemes(registry),
    lastRecordedAt: (ms) => {
      let best: string | null = null
      let bestMs = Number.NEGATIVE_INFINITY
      for (const e of recordedBy(events, ms)) {
        const t = instantMs(e.recordedAt)
        if (t >= bestMs) [best, bestMs] = [e.recordedAt, t]
      }
      return best
    },
  }
}
