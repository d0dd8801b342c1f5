/**
 * @module The runner: reads the log from its checkpoint and commits each page's read-model changes together
 * with the new checkpoint in one SQLite transaction, so a crash never double-counts nor skips. When it reaches
 * the head it re-scores — only the units the new events touched — and stores each scheme's ranking in the same
 * transaction. A code-version change rebuilds a new generation of tables beside the live one and switches.
 * The checkpoint names the store it was projected from (the store's identity): read models opened with another
 * store, or with a store whose head is behind their checkpoint (emptied, restored from an older backup), are
 * never read on from — the runner refuses (StoreMismatch) or rebuilds them from that store, as asked.
 */
import { type DomainEvent, type EvaluationCache, isEventType, scoreSource } from '@kaoping/core'
import { type EventStore, type RecordedEvent, StoreUnavailableError, storeIdOfFile } from '@kaoping/store'
import type Database from 'better-sqlite3'
import * as E from 'fp-ts/Either'
import { isStoreFile, writers } from './apply'
import { ProjectionStopped, ReadModelsInStoreFile, StoreMismatch } from './errors'
import { eventCache } from './event-cache'
import { indexSource } from './index-source'
import { acquireLock, type Lock } from './lock'
import { prepared as statement } from './prepared'
import { type Written, writeRanking } from './ranking-store'
import {
  createIndexes,
  createMeta,
  createTables,
  dropTables,
  getMeta,
  PROJECTION_CODE_VERSION,
  setMeta,
  type Tables,
  tablesOf,
} from './tables'

export interface Progress {
  readonly done: number
  readonly position: bigint
  readonly head: bigint
}

export interface Following {
  /** Resolves true once `position` is projected, false after `timeoutMs`. */
  readonly waitFor: (position: bigint, timeoutMs?: number) => Promise<boolean>
  /** Stops following and releases the lease; rejects with the error that stopped the runner, if any. */
  readonly stop: () => Promise<void>
}

export interface ProjectorOptions {
  readonly store: EventStore
  /** The read models' database (it may be the store's own file). */
  readonly db: Database.Database
  /** Who holds the lock (shown to a second runner). */
  readonly owner?: string
  readonly batchSize?: number
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
   * (and at least every `pollMs`). `waitFor(position)` resolves once that position is projected — the
   * read-your-writes a client needs after an append. Stop with `stop()`.
   */
  readonly follow: (options?: { readonly pollMs?: number }) => Following
  /** Rebuilds every read model from position 0 in a new generation, then switches to it. */
  readonly rebuild: () => Promise<number>
  /** The live generation's tables (for queries). */
  readonly tables: () => Tables
  /** The live generation's checkpoint. */
  readonly position: () => bigint
  /** How many unit evaluations the last re-scoring computed (the rest came from the cache). */
  readonly lastRescore: () => number
  readonly close: () => void
}

export const openProjector = (options: ProjectorOptions): Projector => {
  const { store, db } = options
  const now = options.now ?? Date.now
  const batchSize = options.batchSize ?? 1000
  const owner = options.owner ?? `pid ${process.pid}`
  createMeta(db)
  db.transaction(() => {
    if (getMeta(db, 'active_generation') === undefined) setMeta(db, 'active_generation', '1')
    createTables(db, tablesOf(Number(getMeta(db, 'active_generation'))))
  }).immediate()

  const active = () => tablesOf(Number(getMeta(db, 'active_generation')))
  const checkpointOf = (t: Tables) =>
    statement(db, `SELECT position, code_version, store_id FROM ${t.checkpoint} WHERE id = 1`).get() as {
      position: number
      code_version: number
      store_id: string | null
    }
  /** Whether `t` may be read on from with this store: nothing projected yet, or the same store not behind. */
  const mismatchOf = (t: Tables, identity: string, head: bigint): StoreMismatch | undefined => {
    const cp = checkpointOf(t)
    const at = BigInt(cp.position)
    if (at === 0n) return undefined
    const file = db.name
    if (head < at) return new StoreMismatch({ _tag: 'StoreBehind', head }, file, cp.store_id, at, identity)
    if (cp.store_id !== identity)
      return new StoreMismatch({ _tag: 'OtherStore' }, file, cp.store_id, at, identity)
    return undefined
  }
  /**
   * A SQLite store's own file holds that store's read models: another store's must not be written over them
   * (EventStoreDB mode pointed at a SQLite-mode events file). Refused whatever `onMismatch` says.
   */
  const guardFile = async () => {
    if (!isStoreFile(db)) return
    const fileStore = storeIdOfFile(db)
    const current = await store.identity()
    if (fileStore !== current) throw new ReadModelsInStoreFile(db.name, fileStore, current)
  }
  /** Scores kept between re-scorings of the live generation; a unit's entries go when its events arrive. */
  const caches = new Map<number, EvaluationCache>()
  const cacheOf = (t: Tables) =>
    caches.get(t.generation) ?? caches.set(t.generation, new Map()).get(t.generation)!
  /** The ranking entries last written, per generation, so an unchanged entry is not written again. */
  const writtenRankings = new Map<number, Written>()
  const writtenOf = (t: Tables) =>
    writtenRankings.get(t.generation) ?? writtenRankings.set(t.generation, new Map()).get(t.generation)!
  /** Decoded events of one generation (the one last worked on), valid at checkpoint `memoryAt`. */
  const events = eventCache(options.cachedEvents ?? 1_500_000)
  let eventsOf = -1
  let memoryAt = -1
  /** Forgets everything kept in memory about `t`: it may have moved without this process. */
  const forget = (t: Tables) => {
    caches.delete(t.generation)
    writtenRankings.delete(t.generation)
    if (eventsOf === t.generation) events.clear()
  }
  const sources = new Map<number, ReturnType<typeof indexSource>>()
  const sourceOf = (t: Tables) =>
    sources.get(t.generation) ?? sources.set(t.generation, indexSource(db, t)).get(t.generation)!

  const scoredOnce = new Set<number>()
  // Prepared once per generation, not once per page.
  const prepared = new Map<number, ReturnType<typeof writers>>()
  const writersOf = (t: Tables) =>
    prepared.get(t.generation) ?? prepared.set(t.generation, writers(db, t)).get(t.generation)!

  let evaluated = 0
  const rescore = (t: Tables, dirty: ReadonlySet<string>) => {
    const cache = cacheOf(t)
    for (const key of [...cache.keys()]) if (dirty.has(key.slice(key.indexOf('/') + 1))) cache.delete(key)
    const before = cache.size
    const source = eventsOf === t.generation ? events.source(sourceOf(t)) : sourceOf(t)
    const schemeIds = [...new Set(source.allSchemes().map((s) => s.schemeId))]
    for (const schemeId of schemeIds) {
      const scored = scoreSource(source, { schemeId }, cache)
      if (E.isLeft(scored)) continue
      // A rank indicator's points depend on every unit's value: then any new event may change every entry.
      const { scheme, result } = scored.right
      const ranked = [
        ...scheme.categories.flatMap((c) => c.indicators),
        ...(scheme.bonus?.indicators ?? []),
      ].some((i) => i.scoring.kind === 'rank')
      writeRanking(
        db,
        t,
        result,
        ranked && dirty.size > 0 ? new Set(result.units.map((u) => u.unitId)) : dirty,
        writtenOf(t)
      )
    }
    evaluated = cache.size - before
  }

  /** One page: read models + checkpoint (+ rankings when at the head) in one transaction. */
  const applyPage = (
    t: Tables,
    page: ReadonlyArray<RecordedEvent>,
    atHead: boolean,
    dirty: Set<string>,
    lock: Lock,
    identity: string
  ) => {
    try {
      db.transaction(() => {
        const at = checkpointOf(t).position
        const from = BigInt(at)
        // What this process keeps in memory is valid only at the checkpoint it last committed.
        if (at !== memoryAt || eventsOf !== t.generation) {
          forget(t)
          if (eventsOf !== t.generation) {
            events.clear()
            eventsOf = t.generation
          }
        }
        const w = writersOf(t)
        const indexed = w.indexByReference(page, from)
        let last = from
        for (const e of page) {
          if (e.position <= from) continue
          // Events passed the codecs on their way in; what the runner must refuse is a type it does not know
          // (written by a newer release). Decoding every event again would triple the cost of a rebuild.
          if (!isEventType(e.type)) throw new ProjectionStopped(e.position, e.type, '未知事件类型')
          const unit = w.apply(e, { type: e.type, data: e.data } as DomainEvent, indexed)
          events.add(e, unit)
          if (unit !== undefined) dirty.add(unit)
          last = e.position
        }
        // Compare-and-set: if another writer moved the checkpoint, this transaction must not commit.
        const moved = db
          .prepare(`UPDATE ${t.checkpoint} SET position = ?, store_id = ? WHERE id = 1 AND position = ?`)
          .run(last, identity, from)
        if (moved.changes !== 1) throw new Error('checkpoint moved under the runner')
        if (atHead) {
          rescore(t, dirty)
          dirty.clear()
        }
        lock.renew()
        memoryAt = Number(last)
      }).immediate()
    } catch (e) {
      // Rolled back: the memory may hold events and scores the read models do not.
      forget(t)
      memoryAt = -1
      throw e
    }
  }

  /** Catches `t` up; `scoreAtHead: false` leaves the re-scoring to the caller (a rebuild does it once, at the end). */
  const run = async (t: Tables, lock: Lock, scoreAtHead = true): Promise<number> => {
    // Two reads of a server backend, side by side: every pass pays for them.
    let [identity, head] = await Promise.all([store.identity(), store.headPosition()])
    const mismatch = mismatchOf(t, identity, head)
    if (mismatch) throw mismatch
    let position = BigInt(checkpointOf(t).position)
    let done = 0
    const dirty = new Set<string>()
    // The first pass after opening re-scores even with nothing new (the cache starts empty); later passes
    // with nothing new do nothing.
    let first = !scoredOnce.has(t.generation)
    for (;;) {
      const page = await store.readAll({ after: position, maxCount: batchSize })
      const atHead = page.length < batchSize
      // From the start, the identity is taken once the store holds this page (EventStoreDB's names its first event).
      if (position === 0n && page.length > 0) identity = await store.identity()
      if (page.length > 0 || first) applyPage(t, page, atHead && scoreAtHead, dirty, lock, identity)
      if (atHead && scoreAtHead) scoredOnce.add(t.generation)
      first = false
      done += page.length
      if (page.length > 0) position = page[page.length - 1]!.position
      options.onProgress?.({ done, position, head: head > position ? head : position })
      if (atHead) return done
    }
  }

  const build = async (lock: Lock): Promise<number> => {
    const live = active()
    const next = tablesOf(Number(getMeta(db, 'building_generation') ?? live.generation + 1))
    db.transaction(() => {
      setMeta(db, 'building_generation', String(next.generation))
      createTables(db, next, { indexes: false })
    }).immediate()
    // An interrupted build resumes, unless it was of another store (or of events the store no longer has).
    if (
      checkpointOf(next).position > 0 &&
      mismatchOf(next, await store.identity(), await store.headPosition())
    ) {
      forget(next)
      db.transaction(() => {
        dropTables(db, next)
        createTables(db, next, { indexes: false })
      }).immediate()
    }
    // The live generation's memory goes now; the new one keeps every event it reads from position 0 (within
    // the budget), so the scoring at the end reads nothing back from the index.
    forget(live)
    events.clear()
    eventsOf = next.generation
    memoryAt = checkpointOf(next).position
    events.fill(memoryAt === 0)
    let done: number
    try {
      done = await run(next, lock, false)
    } finally {
      events.fill(false)
    }
    try {
      db.transaction(() => {
        // Indexes built in one pass over the finished table, then every unit scored once.
        createIndexes(db, next)
        rescore(next, new Set())
        scoredOnce.add(next.generation)
        setMeta(db, 'active_generation', String(next.generation))
        db.prepare("DELETE FROM pj_meta WHERE key = 'building_generation'").run()
        dropTables(db, live)
      }).immediate()
    } catch (e) {
      forget(next)
      memoryAt = -1
      throw e
    }
    caches.delete(live.generation)
    prepared.delete(live.generation)
    sources.delete(live.generation)
    return done
  }

  /** Catches the live generation up; a mismatch is refused (thrown) or rebuilt, as `onMismatch` says. */
  const runOrRebuild = async (lock: Lock): Promise<number> => {
    try {
      return await run(active(), lock)
    } catch (e) {
      if (!(e instanceof StoreMismatch) || options.onMismatch !== 'rebuild') throw e
      options.onStoreChange?.(e, 'rebuilding')
      const done = await build(lock)
      options.onStoreChange?.(e, 'rebuilt')
      return done
    }
  }

  const locked = async (f: (lock: Lock) => Promise<number>) => {
    const lock = acquireLock(db, owner, now)
    try {
      return await f(lock)
    } finally {
      lock.release()
    }
  }

  const follow = ({ pollMs = 200 }: { readonly pollMs?: number } = {}): Following => {
    const lock = acquireLock(db, owner, now)
    let stopped = false
    let failure: unknown
    let waiters: Array<() => void> = []
    let wake: () => void = () => {}
    const settle = () => {
      const ws = waiters
      waiters = []
      for (const w of ws) w()
    }
    // The subscription is only a doorbell: the runner reads pages itself, from its own checkpoint.
    const bell = store.subscribe({ after: BigInt(checkpointOf(active()).position) }, () => wake())
    let guarded = false
    const loop = (async () => {
      let backoff = 0
      while (!stopped) {
        try {
          if (!guarded) {
            await guardFile()
            guarded = true
          }
          await runOrRebuild(lock)
          backoff = 0
        } catch (e) {
          // A server backend that did not answer is retried (with a growing pause); anything else stops the runner.
          if (e instanceof StoreUnavailableError) backoff = Math.min(Math.max(backoff * 2, pollMs), 5000)
          else {
            failure = e
            stopped = true
          }
        }
        settle()
        if (stopped) break
        if (backoff > 0) await new Promise((resolve) => setTimeout(resolve, backoff))
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs)
          wake = () => {
            clearTimeout(timer)
            resolve()
          }
        })
      }
    })()
    return {
      waitFor: async (position, timeoutMs = 5000) => {
        // Real elapsed time here, not the lease clock (which tests may freeze).
        const deadline = performance.now() + timeoutMs
        while (BigInt(checkpointOf(active()).position) < position) {
          if (stopped || performance.now() >= deadline) return false
          wake()
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, Math.max(1, deadline - performance.now()))
            waiters.push(() => {
              clearTimeout(timer)
              resolve()
            })
          })
        }
        return true
      },
      stop: async () => {
        stopped = true
        wake()
        await loop
        await bell.close()
        lock.release()
        if (failure) throw failure
      },
    }
  }

  return {
    follow,
    catchUp: () =>
      locked(async (lock) => {
        await guardFile()
        // A rebuild interrupted by a crash, or read models written by other code: finish building beside them.
        if (
          getMeta(db, 'building_generation') !== undefined ||
          checkpointOf(active()).code_version !== PROJECTION_CODE_VERSION
        )
          return build(lock)
        return runOrRebuild(lock)
      }),
    rebuild: () =>
      locked(async (lock) => {
        await guardFile()
        return build(lock)
      }),
    tables: active,
    position: () => BigInt(checkpointOf(active()).position),
    lastRescore: () => evaluated,
    close: () => {},
  }
}
