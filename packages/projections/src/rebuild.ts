/**
 * @module The rebuild: every read model from position 0 in a new generation beside the live one, then one
 * transaction builds its secondary indexes, scores every unit once, and switches. An interrupted build resumes
 * (unless it was of another store). The new generation keeps every event it reads (within the budget), so the
 * scoring at the end reads nothing back from the index.
 */
import { catchUpGeneration, rescore } from './catch-up'
import { checkpointOf, mismatchOf } from './checkpoint'
import { type RunnerContext, writeInTurn } from './context'
import type { Lock } from './lock'
import {
  createIndexes,
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
    done = await catchUpGeneration(ctx, next, lock, false)
  } finally {
    m.events.fill(false)
  }
  try {
    writeInTurn(ctx, () => {
      // Indexes built in one pass over the finished table, then every unit scored once.
      createIndexes(db, next)
      rescore(ctx, m, new Set())
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
