/**
 * @module The follow loop: holds the lease and catches the live generation up whenever the store reports an
 * append (and at least every `pollMs`); after each pass that wrote it copies the write-ahead log into the file,
 * and in idle passes it takes the month-end rankings the log has passed, one per pass. A store that does not
 * answer is retried with a growing pause; anything else stops the loop.
 */
import { StoreUnavailableError } from '@kaoping/store'
import { checkpointOf } from './checkpoint'
import type { RunnerContext } from './context'
import { ProjectionLocked } from './errors'
import { readSource } from './generation-memory'
import { acquireLock, type Lock } from './lock'
import { activeTables } from './rebuild'
import { fillSnapshots } from './snapshots'
import { positionWaiter } from './wait-for-position'
import { copyLog } from './wal'

export interface Following {
  /** Resolves true once `position` is projected, false after `timeoutMs`. */
  readonly waitFor: (position: bigint, timeoutMs?: number) => Promise<boolean>
  /** Stops following and releases the lease; rejects with the error that stopped the runner, if any. */
  readonly stop: () => Promise<void>
  /**
   * Settles with the error that stopped the runner on its own (another runner took the lease, a pass failed), so
   * its owner can say so at once (the API's `/healthz`) instead of at `stop`; never settles otherwise.
   */
  readonly failed: Promise<unknown>
}

export const followLog = (
  ctx: RunnerContext,
  options: {
    readonly owner: string
    readonly now: () => number
    readonly pollMs: number
    /** Take month-end rankings in idle passes (off when another thread takes them). */
    readonly snapshots: boolean
    /** One pass: guard, catch up (or rebuild a mismatch); returns how many events it applied. */
    readonly pass: (lock: Lock) => Promise<number>
  }
): Following => {
  const { db, store } = ctx
  const { pollMs } = options
  const lock = acquireLock(db, options.owner, options.now, undefined, ctx.inTurn)
  let stopped = false
  let failure: unknown
  let fail: (e: unknown) => void = () => {}
  const failed = new Promise<unknown>((resolve) => {
    fail = resolve
  })
  let wake: () => void = () => {}
  const position = () => BigInt(checkpointOf(db, activeTables(ctx)).position)
  const waiter = positionWaiter({ current: position, stopped: () => stopped, wake: () => wake() })
  // The subscription is only a doorbell: the runner reads pages itself, from its own checkpoint.
  const bell = store.subscribe({ after: position() }, () => wake())
  // The lease kept on a timer, not between passes: a pass may wait long on a store that does not answer.
  const keeper = setInterval(
    () => {
      try {
        lock.keep()
      } catch (e) {
        // Another runner holds it now: this one stops rather than write beside it. The file busy: kept next tick
        // (a third of the stale time is left).
        if (e instanceof ProjectionLocked) {
          failure = e
          fail(e)
          stopped = true
          wake()
        }
      }
    },
    Math.min(pollMs, 1000)
  )
  keeper.unref()
  const loop = (async () => {
    let backoff = 0
    /** The runner wrote since its log was last copied into the file (wal.ts). */
    let uncopied = false
    while (!stopped) {
      let idle = false
      try {
        idle = (await options.pass(lock)) === 0
        if (!idle) uncopied = true
        backoff = 0
      } catch (e) {
        if (e instanceof StoreUnavailableError) backoff = Math.min(Math.max(backoff * 2, pollMs), 5000)
        else {
          failure = e
          fail(e)
          stopped = true
        }
      }
      waiter.settle()
      if (stopped) break
      if (backoff > 0) await new Promise((resolve) => setTimeout(resolve, backoff))
      // After a pass that wrote, the update already visible: copy the log into the file (wal.ts) — a few pages each
      // time, so a steady stream of appends never leaves it to an append's commit on the HTTP thread.
      if (uncopied && backoff === 0)
        try {
          copyLog(db)
          uncopied = false
        } catch {
          // The file busy: the next pass copies it.
        }
      // Nothing new: take one month-end ranking the log has passed (if any), then look again at once.
      let filled = 0
      if (idle && backoff === 0 && options.snapshots) {
        try {
          const t = activeTables(ctx)
          // In the runner's turn at the file, as every write of the runner's; the lease is the keeper's.
          filled = fillSnapshots(db, t, readSource(db, ctx.memories.of(t)), 1, ctx.inTurn)
          if (filled > 0) uncopied = true
        } catch {
          // A month end not taken now (the file busy, say) is taken in a later idle pass; rankingAt scores it meanwhile.
        }
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, filled > 0 ? 0 : pollMs)
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
    }
  })()
  return {
    waitFor: waiter.waitFor,
    failed,
    stop: async () => {
      stopped = true
      wake()
      await loop
      clearInterval(keeper)
      await bell.close()
      lock.release()
      if (failure) throw failure
    },
  }
}
