/**
 * @module The runner: keeps the read models of one SQLite database current with a store. The parts live
 * beside it: `catch-up.ts` (one pass over a generation: pages committed with their checkpoint, re-scoring at
 * the head), `rebuild.ts` (a new generation beside the live one, then the switch), `index-fill.ts` (a
 * rebuild's event index written at its end, on a thread while it scores), `follow.ts` (the loop that keeps
 * following), `generation-memory.ts` (what the process keeps in memory per generation, with one `forget()`),
 * `snapshots.ts` (month-end rankings), `wait-for-position.ts` (read-your-writes waits).
 * The checkpoint names the store it was projected from (the store's identity): read models opened with another
 * store, or with a store whose head is behind their checkpoint (emptied, restored from an older backup), are
 * never read on from — the runner refuses (StoreMismatch) or rebuilds them from that store, as asked.
 */
import type { ReplayError, Scored } from '@kaoping/core'
import type { EventStore, WriteGate } from '@kaoping/store'
import type Database from 'better-sqlite3'
import type * as E from 'fp-ts/Either'
import { catchUpGeneration } from './catch-up'
import { checkpointOf, guardFile } from './checkpoint'
import type { Progress, RunnerContext } from './context'
import { StoreMismatch } from './errors'
import { type Following, followLog } from './follow'
import { memories, readSource } from './generation-memory'
import { acquireLock, type Lock } from './lock'
import { rankingAt } from './queries'
import { activeTables, rebuildGeneration } from './rebuild'
import { fillSnapshots } from './snapshots'
import {
  createMeta,
  createTables,
  getMeta,
  PROJECTION_CODE_VERSION,
  setMeta,
  type Tables,
  tablesOf,
} from './tables'
import { deferCheckpoints } from './wal'

export type { Progress } from './context'
export type { Following } from './follow'

export interface ProjectorOptions {
  readonly store: EventStore
  /** The read models' database (it may be the store's own file). */
  readonly db: Database.Database
  /** Who holds the lock (shown to a second runner). */
  readonly owner?: string
  readonly batchSize?: number
  /**
   * Another thread of this process appends to the same SQLite file: the runner's write transactions take their
   * turn at this gate (`@kaoping/store` write-gate.ts), after the appends waiting.
   */
  readonly writeGate?: Pick<WriteGate, 'runnerWrite' | 'runnerWriteAsync'>
  /**
   * A rebuild in the store's own file writes its event index at the end, on a thread of its own while it scores,
   * when this many positions are left to index (default 50,000; below, in this thread: a thread's start costs
   * more than a small copy).
   */
  readonly indexThreadFrom?: number
  /**
   * How many decoded events the runner keeps in memory for re-scoring (each unit's events, ≈ 330 bytes each);
   * the least recently used units beyond it are read again from the event index. Default 1,500,000.
   */
  readonly cachedEvents?: number
  readonly now?: () => number
  readonly onProgress?: (p: Progress) => void
  /**
   * Read models from another store, or ahead of the store's head: `refuse` (the default) stops `catchUp` and
   * `follow` with a StoreMismatch; `rebuild` builds them anew from the store beside the live ones, then switches.
   */
  readonly onMismatch?: 'refuse' | 'rebuild'
  /** Told when a mismatch is being rebuilt (`rebuilding`) and when the rebuilt read models are live (`rebuilt`). */
  readonly onStoreChange?: (mismatch: StoreMismatch, phase: 'rebuilding' | 'rebuilt') => void
}

export interface Projector {
  /** Processes everything up to the head, then re-scores; returns how many events it applied. */
  readonly catchUp: () => Promise<number>
  /**
   * Keeps the read models current: holds the lease and catches up whenever the store reports an append
   * (and at least every `pollMs`); idle passes take the month-end rankings the log has passed.
   * `waitFor(position)` resolves once that position is projected — the read-your-writes a client needs after
   * an append. Stop with `stop()`.
   */
  readonly follow: (options?: {
    readonly pollMs?: number
    /**
     * Take the month-end rankings the log has passed in idle passes (default true). A month end costs a whole
     * as-of scoring (seconds at a million events) during which the runner applies nothing: a server takes them
     * on its query thread instead.
     */
    readonly snapshots?: boolean
  }) => Following
  /** Rebuilds every read model from position 0 in a new generation, then switches to it. */
  readonly rebuild: () => Promise<number>
  /** Takes every month-end ranking the log has passed and not yet kept (what `follow` does when idle). */
  readonly takeSnapshots: () => Promise<number>
  /**
   * The whole ranking of `schemeId` as of `asOf` (recorded basis, the version then in force): a kept month-end
   * ranking when `asOf` is one, else scored from this runner's decoded events (the index for units it does not
   * hold). The same Result as `ranking(db, tables, { schemeId, asOf })`.
   */
  readonly rankingAt: (schemeId: string, asOf: string) => E.Either<ReplayError, Scored>
  /** The live generation's tables (for queries). */
  readonly tables: () => Tables
  /** The live generation's checkpoint. */
  readonly position: () => bigint
  /** How many unit evaluations the last re-scoring computed (the rest came from the cache). */
  readonly lastRescore: () => number
  /** How the last rebuild of this process finished (undefined before any): for figures and tests. */
  readonly lastRebuild: () => RunnerContext['lastRebuild']
  readonly close: () => void
}

export const openProjector = (options: ProjectorOptions): Projector => {
  const { store, db } = options
  const now = options.now ?? Date.now
  const owner = options.owner ?? `pid ${process.pid}`
  createMeta(db)
  deferCheckpoints(db)
  db.transaction(() => {
    if (getMeta(db, 'active_generation') === undefined) setMeta(db, 'active_generation', '1')
    createTables(db, tablesOf(Number(getMeta(db, 'active_generation'))))
  }).immediate()
  const ctx: RunnerContext = {
    store,
    db,
    batchSize: options.batchSize ?? 1000,
    inTurn: options.writeGate ? options.writeGate.runnerWrite : (write) => write(),
    inTurnAsync: options.writeGate ? options.writeGate.runnerWriteAsync : (write) => write(),
    indexThreadFrom: options.indexThreadFrom ?? 50_000,
    memories: memories(db, options.cachedEvents ?? 1_500_000),
    onProgress: options.onProgress,
    onMismatch: options.onMismatch ?? 'refuse',
    onStoreChange: options.onStoreChange,
    evaluated: 0,
  }

  /** Catches the live generation up; a mismatch is refused (thrown) or rebuilt, as `onMismatch` says. */
  const runOrRebuild = async (lock: Lock): Promise<number> => {
    try {
      return await catchUpGeneration(ctx, activeTables(ctx), lock)
    } catch (e) {
      if (!(e instanceof StoreMismatch) || ctx.onMismatch !== 'rebuild') throw e
      ctx.onStoreChange?.(e, 'rebuilding')
      const done = await rebuildGeneration(ctx, lock)
      ctx.onStoreChange?.(e, 'rebuilt')
      return done
    }
  }

  const locked = async (f: (lock: Lock) => Promise<number>) => {
    const lock = acquireLock(db, owner, now, undefined, ctx.inTurn)
    try {
      return await f(lock)
    } finally {
      lock.release()
    }
  }

  /** The live generation's memory as a LogSource, when it is true at the checkpoint; else the event index. */
  const liveSource = () => readSource(db, ctx.memories.of(activeTables(ctx)))

  return {
    follow: ({ pollMs = 200, snapshots = true } = {}) => {
      let guarded = false
      return followLog(ctx, {
        owner,
        now,
        pollMs,
        snapshots,
        pass: async (lock) => {
          if (!guarded) {
            await guardFile(db, store)
            guarded = true
          }
          return runOrRebuild(lock)
        },
      })
    },
    catchUp: () =>
      locked(async (lock) => {
        await guardFile(db, store)
        // A rebuild interrupted by a crash, or read models written by other code: finish building beside them.
        if (
          getMeta(db, 'building_generation') !== undefined ||
          checkpointOf(db, activeTables(ctx)).code_version !== PROJECTION_CODE_VERSION
        )
          return rebuildGeneration(ctx, lock)
        return runOrRebuild(lock)
      }),
    rebuild: () =>
      locked(async (lock) => {
        await guardFile(db, store)
        return rebuildGeneration(ctx, lock)
      }),
    takeSnapshots: () =>
      locked(async () => {
        const source = liveSource()
        return fillSnapshots(db, activeTables(ctx), source, Number.POSITIVE_INFINITY, ctx.inTurn)
      }),
    rankingAt: (schemeId, asOf) => rankingAt(db, activeTables(ctx), schemeId, asOf, liveSource()),
    tables: () => activeTables(ctx),
    position: () => BigInt(checkpointOf(db, activeTables(ctx)).position),
    lastRescore: () => ctx.evaluated,
    lastRebuild: () => ctx.lastRebuild,
    close: () => {},
  }
}
