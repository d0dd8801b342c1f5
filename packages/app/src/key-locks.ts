/**
 * @module Work of one process on one store that must not interleave: the appends recording the same business id
 * (append-events.ts), the publications of one scheme (publish-result.ts). Keys name what is held.
 */
import type { EventStore } from '@kaoping/store'

const locks = new WeakMap<EventStore, Map<string, Promise<void>>>()

/**
 * Runs `task` once every earlier task of this process holding one of `keys` on this store has finished. Each task
 * queues behind the tasks already there when it arrives, so the waits never form a cycle.
 */
export const withKeys = async <A>(
  store: EventStore,
  keys: ReadonlyArray<string>,
  task: () => Promise<A>
): Promise<A> => {
  if (keys.length === 0) return task()
  const held = locks.get(store) ?? new Map<string, Promise<void>>()
  locks.set(store, held)
  const earlier = keys.flatMap((k) => held.get(k) ?? [])
  let release = () => {}
  const mine = new Promise<void>((resolve) => {
    release = resolve
  })
  for (const k of keys) held.set(k, mine)
  await Promise.all(earlier)
  try {
    return await task()
  } finally {
    release()
    for (const k of keys) if (held.get(k) === mine) held.delete(k)
  }
}
