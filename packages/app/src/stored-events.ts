/** @module The log read back as decoded events for scoring, up to a position (a publication's cut). */
import { decodeEvent, type StoredEvent } from '@kaoping/core'
import type { EventStore, RecordedEvent } from '@kaoping/store'
import * as E from 'fp-ts/Either'

const PAGE = 5000

/** The stored event as scoring sees it; `seq` is the log position, as the projections' index gives it. */
export const storedOf = (e: RecordedEvent): StoredEvent | undefined => {
  const decoded = decodeEvent(e.type, e.data)
  if (E.isLeft(decoded)) return undefined
  return {
    ...decoded.right,
    id: e.id,
    recordedAt: e.recordedAt,
    actor: e.actor,
    seq: Number(e.position),
  } as StoredEvent
}

/** Every stored event at a position ≤ `upTo` (all of them when undefined), in log order, page by page. */
export const readRecorded = async (store: EventStore, upTo?: bigint): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = []
  let after = 0n
  for (;;) {
    const page = await store.readAll({ after, maxCount: PAGE })
    for (const e of page) {
      if (upTo !== undefined && e.position > upTo) return out
      out.push(e)
    }
    if (page.length < PAGE) return out
    after = page[page.length - 1]!.position
  }
}

/** The decoded events at positions ≤ `upTo`: what a publication at that position was computed from. */
export const readStored = async (store: EventStore, upTo?: bigint): Promise<StoredEvent[]> =>
  (await readRecorded(store, upTo)).flatMap((e) => storedOf(e) ?? [])
