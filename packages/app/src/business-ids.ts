/**
 * @module Business ids on the append path (SPEC §3 "Business ids"): what the shared checker (core `checkNext`)
 * needs to know about the keys a batch records or frees, read from the store's key index — the facts carrying
 * each key, then the corrections aimed at those facts, then (only when one was returned) whether the return was
 * retracted. One indexed lookup for a batch whose ids are new, never a stream scan. Appends of this process that
 * record the same key run one after the other, so two requests racing with the same business id cannot both pass.
 */
import { businessKey, type DomainEvent, isUndoType, type LogState, targetOf, undoKey } from '@kaoping/core'
import type { EventStore, RecordedEvent } from '@kaoping/store'

interface BatchEvent {
  readonly id: string
  readonly event: DomainEvent
}

/** The business keys the batch's facts record. */
export const batchKeys = (batch: ReadonlyArray<BatchEvent>): ReadonlyArray<string> => [
  ...new Set(batch.flatMap((d) => businessKey(d.event.type, d.event.data) ?? [])),
]

const targetIdOf = (e: RecordedEvent): string | undefined => {
  const target = (e.data as { targetEventId?: unknown }).targetEventId
  return typeof target === 'string' ? target : undefined
}

/**
 * Fills `log` (keyOf, holders, returned) for the keys the batch records, and for the keys of the facts its
 * corrections aim at (`known`: the stored events among the batch's ids and targets).
 */
export const preloadKeys = async (
  store: EventStore,
  batch: ReadonlyArray<BatchEvent>,
  known: ReadonlyMap<string, RecordedEvent>,
  log: LogState
): Promise<void> => {
  const keys = new Set(batchKeys(batch))
  // A retraction of a return makes the returned fact count again: its key is concerned too.
  const sentBack: string[] = []
  for (const d of batch) {
    const target = isUndoType(d.event.type) ? targetOf(d.event) : undefined
    const stored = target === undefined ? undefined : known.get(target)
    if (stored === undefined) continue
    const key = businessKey(stored.type, stored.data)
    if (key !== undefined) keys.add(key)
    const fact =
      d.event.type === 'EventRetracted' && stored.type === 'FactReturned' ? targetIdOf(stored) : undefined
    if (fact !== undefined) sentBack.push(fact)
  }
  if (sentBack.length > 0)
    for (const fact of (await store.findEvents(sentBack)).values()) {
      const key = businessKey(fact.type, fact.data)
      if (key !== undefined) keys.add(key)
    }
  if (keys.size === 0) return

  const carrying = await store.findByKeys([...keys])
  const facts = [...carrying.values()].flat()
  if (facts.length === 0) return
  const corrections = await store.findByKeys(facts.map((f) => undoKey(f.id)))
  const returns = [...corrections.values()].flat().filter((c) => c.type === 'FactReturned')
  const undoneReturns =
    returns.length === 0 ? new Map() : await store.findByKeys(returns.map((r) => undoKey(r.id)))
  // Retracting a retraction does not bring its target back (core `select`), so only a return can be undone.
  const retracted = (id: string, undone: ReadonlyMap<string, ReadonlyArray<RecordedEvent>>) =>
    (undone.get(undoKey(id)) ?? []).some((c) => c.type === 'EventRetracted')

  for (const [key, events] of carrying)
    for (const fact of events) {
      if (retracted(fact.id, corrections)) continue
      log.keyOf.set(fact.id, key)
      const standing = (corrections.get(undoKey(fact.id)) ?? []).filter(
        (c) => c.type === 'FactReturned' && !retracted(c.id, undoneReturns)
      )
      for (const r of standing) log.returned.set(r.id, fact.id)
      if (standing.length === 0 && !log.holders.has(key)) log.holders.set(key, fact.id)
    }
}
