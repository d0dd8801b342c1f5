/**
 * @module Which facts a batch's retractions aim at that the 考核组 has verified (a standing `FactVerified`): a
 * reporter may not retract those (core `authorize`) — otherwise a unit could take back a fact the 考核组 checked
 * and counted against it (a lost case, a missed hearing) the moment it hurt. A case's opening counts as verified
 * when any step of the case is: retracting the opening hides every step (cases/fold.ts), so it would take a
 * verified loss back just the same. Verifications are kept in the unit's own stream (the catalog's scope `unit`),
 * as are retractions of them, so the target units' streams are read — and a targeted opening's case stream —
 * only when a reporter retracts something, which is rare.
 */
import {
  caseStream,
  type DomainEvent,
  type LogState,
  type Principal,
  targetOf,
  unitStream,
} from '@kaoping/core'
import type { EventStore } from '@kaoping/store'

interface RetractionTarget {
  readonly unitId: string
  /** For a case's opening: its case, whose steps' verifications count for it. */
  readonly caseId?: string
}

const verifiedTargets = async (
  store: EventStore,
  /** Each retraction target's id (unknown targets are left out by the caller). */
  targets: ReadonlyMap<string, RetractionTarget>
): Promise<ReadonlySet<string>> => {
  // Standing verifications, by id → the fact each verified.
  const standing = new Map<string, string>()
  for (const unitId of new Set([...targets.values()].map((t) => t.unitId)))
    for (const e of await store.readStream(unitStream(unitId))) {
      const target = targetOf(e as DomainEvent)
      if (target === undefined) continue
      if (e.type === 'FactVerified') standing.set(e.id, target)
      else if (e.type === 'EventRetracted') standing.delete(target)
    }
  const verified = new Set(standing.values())
  const found = new Set<string>()
  for (const [id, t] of targets) {
    if (verified.has(id)) found.add(id)
    else if (t.caseId !== undefined)
      for (const step of await store.readStream(caseStream(t.caseId)))
        if (verified.has(step.id)) {
          found.add(id)
          break
        }
  }
  return found
}

/** A target as the log knows it: its unit, and its case when it is a case's opening. */
const openingOf = (id: string, unitId: string, log: LogState): RetractionTarget => {
  const caseId = log.typeOf.get(id) === 'CaseOpened' ? log.caseOf.get(id) : undefined
  return caseId === undefined ? { unitId } : { unitId, caseId }
}

/**
 * For a reporter's retractions (the append command's and a file import's): which targets of its own unit the 考核组
 * verified. Nothing is read for other roles, nor for a target of another unit (refused anyway).
 */
export const reportersVerifiedTargets = async (
  store: EventStore,
  events: ReadonlyArray<DomainEvent>,
  log: LogState,
  principal: Principal
): Promise<ReadonlySet<string>> => {
  if (principal.role !== 'reporter') return new Set()
  const targets = new Map<string, RetractionTarget>()
  for (const e of events) {
    const target = e.type === 'EventRetracted' ? e.data.targetEventId : undefined
    const unitId = target === undefined ? undefined : log.unitOf.get(target)
    if (target !== undefined && unitId !== undefined && unitId === principal.unitId)
      targets.set(target, openingOf(target, unitId, log))
  }
  return targets.size === 0 ? new Set() : verifiedTargets(store, targets)
}
