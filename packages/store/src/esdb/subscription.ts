/**
 * @module A catch-up subscription to `$all`: from the position after `after`, then live; when the server drops it
 * (or is away), it subscribes again after a growing pause (0.1 s doubling to 5 s) from the last event handled —
 * exclusive, so nothing is handled twice or skipped. A handler that throws stops it, never silently.
 */
import type {
  AllStreamSubscription,
  EventStoreDBClient,
  excludeSystemEvents,
  ResolvedEvent,
} from '@eventstore/db-client'
import { START } from '@eventstore/db-client'
import type { EventHandler, Subscription } from '../port'
import { toRecorded } from './esdb-store'

class HandlerFailed extends Error {
  constructor(override readonly cause: unknown) {
    super('subscription handler failed')
  }
}

export const esdbSubscription = (
  client: EventStoreDBClient,
  filter: ReturnType<typeof excludeSystemEvents>,
  after: bigint | undefined,
  handler: EventHandler,
  head: () => Promise<bigint>
): Subscription => {
  let closed = false
  let position = after ?? 0n
  let current: AllStreamSubscription | undefined
  let wake: () => void = () => {}
  let markCaughtUp: () => void = () => {}
  let failCaughtUp: (e: unknown) => void = () => {}
  const caughtUp = new Promise<void>((resolve, reject) => {
    markCaughtUp = resolve
    failCaughtUp = reject
  })
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms)
      wake = () => {
        clearTimeout(timer)
        resolve()
      }
    })

  const loop = (async () => {
    let target: bigint | undefined
    let delay = 100
    while (!closed) {
      try {
        target ??= await head()
        if (position >= target) markCaughtUp()
        // Subscription starts are exclusive (§4.3).
        current = client.subscribeToAll({
          fromPosition: position > 0n ? { commit: position, prepare: position } : START,
          filter,
        })
        for await (const r of current as AsyncIterable<ResolvedEvent>) {
          if (closed) break
          const p = r.event?.position?.commit
          if (!r.event || p === undefined || p <= position || r.event.type.startsWith('$')) continue
          try {
            await handler(toRecorded(r))
          } catch (e) {
            throw new HandlerFailed(e)
          }
          position = p
          delay = 100
          if (position >= target) markCaughtUp()
        }
        if (!closed) throw new Error('the server ended the subscription')
      } catch (e) {
        if (e instanceof HandlerFailed) {
          failCaughtUp(e.cause)
          throw e.cause
        }
        if (closed) break
        await current?.unsubscribe().catch(() => {})
        await pause(delay)
        delay = Math.min(delay * 2, 5000)
      }
    }
  })()
  loop.catch(() => {})
  return {
    caughtUp,
    close: async () => {
      closed = true
      markCaughtUp()
      wake()
      await current?.unsubscribe().catch(() => {})
      await loop
    },
  }
}
