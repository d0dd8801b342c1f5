/**
 * @module The rebuild: every read model from position 0 in a new generation beside the live one; then its event
 * index is finished (index-fill.ts) while every unit is scored once, and one transaction stores the rankings and
 * switches. An interrupted build resumes (unless it was of another store). The new generation keeps every event
 * it reads (within the budget), so the scoring at the end reads nothing back from the index.
 */
import { catchUpGeneration, scoreSchemes, storeScored } from './catch-up'
import { checkpointOf, mismatchOf } from './checkpoint'
import { type RunnerContext, writeInTurn } from './context'
import type { GenerationMemory } from './generation-memory'
import { finishIndex, IndexNotWritten, indexBeingWritten } from './index-fill'
import type { Lock } from './lock'
import {
  createTables,
  dropTables,
  getMeta,
  PROJECTION_CODE_VERSION,
  setMeta,
  type Tables,
  tablesOf,
} from './tables'

export const activeTables = (ctx: RunnerContext): Tables =>
  tablesOf(Number(getMeta(ctx.db, 'active_generation')))

/** Every unit scored from the events in memory, or undefined if scoring reached for the index after all. */
const fromMemory = (ctx: RunnerContext, m: GenerationMemory): ReturnType<typeof scoreSchemes> | undefined => {
  try {
    return scoreSchemes(ctx, m, new Set(), m.events.source(indexBeingWritten))
  } catch (e) {
    if (e instanceof IndexNotWritten) return undefined
    throw e
  }
}

export const rebuildGeneration = async (ctx: RunnerContext, lock: Lock): Promise<number> => {
  const { db, store } = ctx
  const live = activeTables(ctx)
  const next = tablesOf(Number(getMeta(db, 'building_generation') ?? live.generation + 1))
  writeInTurn(ctx, () => {
    setMeta(db, 'building_generation', String(next.generation))
    createTables(db, next, { indexes: false })
  })
  // An interrupted build resumes, unless it was by other code (its tables may have other columns), of another
  // store, or of events the store no longer has.
  const resumed = checkpointOf(db, next)
  if (
    resumed.code_version !== PROJECTION_CODE_VERSION ||
    (resumed.position > 0 && mismatchOf(db, next, await store.identity(), await store.headPosition()))
  ) {
    writeInTurn(ctx, () => {
      dropTables(db, next)
      createTables(db, next, { indexes: false })
    })
  }
  // The live generation's memory goes now (focus); the new one starts at its checkpoint.
  const m = ctx.memories.focus(next)
  m.forget()
  m.at = checkpointOf(db, next).position
  m.events.fill(m.at === 0)
  let done: number
  try {
    done = await catchUpGeneration(ctx, next, lock, 'rebuild')
  } finally {
    m.events.fill(false)
  }
  try {
    // The event index is written (on a thread, index-fill.ts) while every unit is scored from memory, when memory
    // holds every event; else the units are scored after it, reading what memory lacks from the index.
    const indexed = finishIndex(ctx, next, ctx.indexThreadFrom)
    let scored: ReturnType<typeof scoreSchemes> | undefined
    try {
      if (m.events.whole()) scored = fromMemory(ctx, m)
    } finally {
      ctx.lastRebuild = {
        indexOnThread: (await indexed) === 'thread',
        scoredFromMemory: scored !== undefined,
      }
    }
    // The lease is renewed by each page; the index and the scoring may take longer than its stale time (keep:
    // renewed when due, refused if another runner took it over meanwhile).
    lock.keep()
    const final = scored ?? scoreSchemes(ctx, m, new Set())
    writeInTurn(ctx, () => {
      // Since the last page, nothing may have moved this generation: another runner that took the lease over
      // (thinking this one gone) would have committed pages, or switched.
      if (
        checkpointOf(db, next).position !== m.at ||
        getMeta(db, 'building_generation') !== String(next.generation)
      )
        throw new Error('重建中的读模型已被另一个投影进程改动，本次重建放弃')
      lock.renew()
      storeScored(ctx, m, final, new Set())
      m.scored = true
      setMeta(db, 'active_generation', String(next.generation))
      db.prepare("DELETE FROM pj_meta WHERE key = 'building_generation'").run()
      dropTables(db, live)
    })
  } catch (e) {
    m.forget()
    throw e
  }
  ctx.memories.drop(live)
  return done
}
