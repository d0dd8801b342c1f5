/**
 * @module Catch-up then live, built on readAll: the subscriber always reads the log by position, so the hand-off
 * from catching up to live cannot skip or repeat an event. Appends in this process wake it at once; appends by
 * other processes are picked up by polling.
 */
import type { EventHandler, ReadAllOptions, RecordedEvent, Subscription } from './port'

export interface Wakeup {
  /** Resolves at the next append in this process, or after `ms`. */
  readonly wait: (ms: number) => Promise<void>
}

export const wakeup = (): Wakeup & { readonly notify: () => void } => {
  let waiters: Array<() => void> = []
  return {
    notify: () => {
      const ws = waiters
      waiters = []
      for (const w of ws) w()
    },
    wait: (ms) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms)
        function done() {
          clearTimeout(timer)
          waiters = waiters.filter((w) => w !== done)
          resolve()
        }
        waiters.push(done)
      }),
  }
}

const PAGE = 1000
const POLL_MS = 200

export const catchUpSubscription = (
  readAll: (o: ReadAllOptions) => Promise<ReadonlyArray<RecordedEvent>>,
  signal: Wakeup,
  after: bigint | undefined,
  handler: EventHandler
): Subscription => {
  let closed = false
  // close() must not wait out a poll interval: it ends the wait at once.
  let interrupt: () => void = () => {}
  const interrupted = new Promise<void>((resolve) => {
    interrupt = resolve
  })
  let position = after
  let markCaughtUp: () => void = () => {}
  let failCaughtUp: (e: unknown) => void = () => {}
  const caughtUp = new Promise<void>((resolve, reject) => {
    markCaughtUp = resolve
    failCaughtUp = reject
  })
  const loop = (async () => {
    let live = false
    while (!closed) {
      const page = await readAll({ ...(position === undefined ? {} : { after: position }), maxCount: PAGE })
      for (const event of page) {
        if (closed) return
        await handler(event)
        position = event.position
      }
      if (page.length < PAGE) {
        if (!live) {
          live = true
          markCaughtUp()
        }
        await Promise.race([signal.wait(POLL_MS), interrupted])
      }
    }
  })().catch((e: unknown) => {
    failCaughtUp(e)
    throw e
  })
  // A handler failure stops the subscription; it surfaces through caughtUp or close(), never silently.
  loop.catch(() => {})
  return {
    caughtUp,
    close: async () => {
      closed = true
      interrupt()
      markCaughtUp()
      await loop
    },
  }
}
