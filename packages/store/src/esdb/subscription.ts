/**
 * @module A catch-up subscription to `$all`: from the position after `after`, then live; when the server drops it
 * (or is away), it subscribes again after a growing pause (0.1 s doubling to 5 s) from the last event handled —
 * exclusive, so nothing is handled twice or skipped. A handler that throws stops it, never silently.
 * Events are handled one at a time, in order, through a promise chain on the client's stream events (the
 * stream's async iterator does not always settle when the server ends the call).
 */
import type { EventStoreDBClient, excludeSystemEvents, ResolvedEvent } from '@eventstore/db-client'
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
  let target: bigint | undefined
  let stopCurrent: () => void = () => {}
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

  /** One subscription call: settles when it ends, fails, or a handler throws. */
  const once = () =>
    new Promise<void>((resolve, reject) => {
      // Subscription starts are exclusive (§4.3).
      const s = client.subscribeToAll({
        fromPosition: position > 0n ? { commit: position, prepare: position } : START,
        filter,
      })
      let chain = Promise.resolve()
      let done = false
      const finish = (e: unknown) => {
        if (done) return
        done = true
        chain.then(() => reject(e), reject)
      }
      stopCurrent = () => {
        finish(new Error('closed'))
        s.unsubscribe().catch(() => {})
      }
      s.on('data', (r: ResolvedEvent) => {
        chain = chain.then(async () => {
          if (done) return
          const p = r.event?.position?.commit
          if (!r.event || p === undefined || p <= position || r.event.type.startsWith('$')) return
          try {
            await handler(toRecorded(r))
          } catch (e) {
            finish(new HandlerFailed(e))
            return
          }
          position = p
          if (target !== undefined && position >= target) markCaughtUp()
        })
      })
      s.on('error', finish)
      s.on('end', () => finish(new Error('the server ended the subscription')))
      s.on('close', () => finish(new Error('the subscription closed')))
      void resolve
    })

  const loop = (async () => {
    let delay = 100
    while (!closed) {
      try {
        target ??= await head()
        if (position >= target) markCaughtUp()
        // Closed while asking for the head: no call to stop yet, so none may start.
        if (closed) break
        await once()
      } catch (e) {
        if (e instanceof HandlerFailed) {
          failCaughtUp(e.cause)
          throw e.cause
        }
        if (closed) break
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
      stopCurrent()
      await loop.catch(() => {})
    },
  }
}
