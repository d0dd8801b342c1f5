/** @module The in-memory store: the reference implementation of the port, for tests. */
import { indexKeys } from '@kaoping/core'
import * as E from 'fp-ts/Either'
import { planAppend } from '../plan-append'
import type { EventStore, ReadAllOptions, RecordedEvent } from '../port'
import { catchUpSubscription, wakeup } from '../subscribe'

export interface MemoryStoreOptions {
  /** The clock that stamps recordedAt (injected: the store never reads the time itself). */
  readonly clock: () => string
}

export const createMemoryStore = ({ clock }: MemoryStoreOptions): EventStore => {
  const log: RecordedEvent[] = []
  const byId = new Map<string, RecordedEvent>()
  const streams = new Map<string, RecordedEvent[]>()
  const byKey = new Map<string, RecordedEvent[]>()
  const signal = wakeup()
  const id = `memory:${crypto.randomUUID()}`
  const readAll = async (options: ReadAllOptions = {}): Promise<ReadonlyArray<RecordedEvent>> => {
    // Positions here are dense (1, 2, 3 …), so the event after position p sits at index p.
    const start = Number(options.after ?? 0n)
    return log.slice(start, options.maxCount === undefined ? undefined : start + options.maxCount)
  }

  return {
    append: async (request) => {
      const plan = planAppend(
        request,
        {
          findByIds: (ids) =>
            new Map(ids.flatMap((id) => (byId.has(id) ? [[id, byId.get(id)!] as const] : []))),
          revisionOf: (stream) => {
            const s = streams.get(stream)
            return s && s.length > 0 ? BigInt(s.length - 1) : null
          },
        },
        clock()
      )
      if (E.isLeft(plan)) return plan
      if (plan.right.duplicate) return E.right({ duplicate: true, events: plan.right.events })
      const base = log.length
      const stored = plan.right.rows.map((row, i) => ({ ...row, position: BigInt(base + i + 1) }))
      for (const e of stored) {
        log.push(e)
        byId.set(e.id, e)
        const s = streams.get(e.stream) ?? []
        s.push(e)
        streams.set(e.stream, s)
        for (const key of indexKeys(e.type, e.data)) {
          const held = byKey.get(key) ?? []
          held.push(e)
          byKey.set(key, held)
        }
      }
      signal.notify()
      return E.right({ duplicate: false, events: stored })
    },
    readStream: async (stream, options = {}) => {
      const s = streams.get(stream) ?? []
      const max = options.maxCount ?? Number.POSITIVE_INFINITY
      if (options.direction === 'backwards') {
        const from = options.fromRevision ?? BigInt(s.length - 1)
        return s
          .filter((e) => e.revision <= from)
          .reverse()
          .slice(0, max)
      }
      const from = options.fromRevision ?? 0n
      return s.filter((e) => e.revision >= from).slice(0, max)
    },
    readAll,
    headPosition: async () => BigInt(log.length),
    identity: async () => id,
    findEvents: async (ids) =>
      new Map(ids.flatMap((id) => (byId.has(id) ? [[id, byId.get(id)!] as const] : []))),
    findByKeys: async (keys) =>
      new Map(keys.flatMap((key) => (byKey.has(key) ? [[key, [...byKey.get(key)!]] as const] : []))),
    subscribe: (options, handler) => catchUpSubscription(readAll, signal, options.after, handler),
    close: async () => {},
  }
}
