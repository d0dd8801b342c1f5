/**
 * @module Which facts a batch's retractions aim at that the 考核组 has verified (a standing `FactVerified`): a
 * reporter may not retract those (core `authorize`) — otherwise a unit could take back a fact the 考核组 checked
 * and counted against it (a lost case, a missed hearing) the moment it hurt. Verifications are kept in the unit's
 * own stream (the catalog's scope `unit`), as are retractions of them, so the target units' streams are read —
 * only when a reporter retracts something, which is rare.
 */
import { type DomainEvent, targetOf, unitStream } from '@kaoping/core'
import type { EventStore } from '@kaoping/store'

export const verifiedTargets = async (
  store: EventStore,
  /** Each retraction target's id → the unit it belongs to (unknown targets are left out by the caller). */
  targets: ReadonlyMap<string, string>
): Promise<ReadonlySet<string>> => {
  // Standing verifications, by id → the fact each verified.
  const standing = new Map<string, string>()
  for (const unitId of new Set(targets.values()))
    for (const e of await store.readStream(unitStream(unitId))) {
      const target = targetOf(e as DomainEvent)
      if (target === undefined) continue
      if (e.type === 'FactVerified') standing.set(e.id, target)
      else if (e.type === 'EventRetracted') standing.delete(target)
    }
  return new Set([...standing.values()].filter((id) => targets.has(id)))
}
