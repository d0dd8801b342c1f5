/**
 * @module One pass of the runner over one generation: reads the log from its checkpoint page by page and
 * commits each page's read-model changes with the new checkpoint in one SQLite transaction (compare-and-set on
 * the checkpoint), so a crash never double-counts nor skips; at the head it re-scores the units the new events
 * touched and stores each scheme's ranking in the same transaction.
 */

import { type DomainEvent, isEventType, type LogSource, type Result, scoreSource } from '@kaoping/core'
import type { RecordedEvent } from '@kaoping/store'
import { StoreUnavailableError } from '@kaoping/store'
import * as E from 'fp-ts/Either'
import { checkpointOf, mismatchOf } from './checkpoint'
import { type RunnerContext, writeInTurn } from './context'
import { ProjectionStopped } from './errors'
import type { GenerationMemory } from './generation-memory'
import { copyPending } from './index-fill'
import type { Lock } from './lock'
import { prepared } from './prepared'
import { writeRanking } from './ranking-store'
import { forgetSnapshotsRecordedFrom } from './snapshots'
import type { Tables } from './tables'

/** A scheme's ranking as scored, to be stored. */
interface SchemeScored {
  readonly result: Result
  /** A rank indicator's points depend on every unit's value: then any new event may change every entry. */
  readonly ranked: boolean
}

/**
 * Every scheme's ranking, re-scoring only the `dirty` units and those whose cached scores are gone; nothing
 * written (`storeScored` does). `source` is where the events are read (default: the cache over the index).
 */
export const scoreSchemes = (
  ctx: RunnerContext,
  m: GenerationMemory,
  dirty: ReadonlySet<string>,
  source: LogSource = m.events.source(m.index)
): ReadonlyArray<SchemeScored> => {
  const cache = m.scores
  for (const key of [...cache.keys()]) if (dirty.has(key.slice(key.indexOf('/') + 1))) cache.delete(key)
  const before = cache.size
  const scored: SchemeScored[] = []
  for (const schemeId of new Set(source.allSchemes().map((s) => s.schemeId))) {
    const r = scoreSource(source, { schemeId }, cache, m.outcomes)
    if (E.isLeft(r)) continue
    const { scheme, result } = r.right
    const ranked = [
      ...scheme.categories.flatMap((c) => c.indicators),
      ...(scheme.bonus?.indicators ?? []),
    ].some((i) => i.scoring.kind === 'rank')
    scored.push({ result, ranked })
  }
  ctx.evaluated = cache.size - before
  return scored
}

/** Stores the rankings `scoreSchemes` gave, writing the entries of the `dirty` units (all, when ranked). */
export const storeScored = (
  ctx: RunnerContext,
  m: GenerationMemory,
  scored: ReadonlyArray<SchemeScored>,
  dirty: ReadonlySet<string>
): void => {
  for (const { result, ranked } of scored)
    writeRanking(
      ctx.db,
      m.tables,
      result,
      ranked && dirty.size > 0 ? new Set(result.units.map((u) => u.unitId)) : dirty,
      m.written
    )
}

/** One page: read models + checkpoint (+ rankings when at the head) in one transaction. */
const applyPage = (
  ctx: RunnerContext,
  t: Tables,
  page: ReadonlyArray<RecordedEvent>,
  atHead: boolean,
  deferIndex: boolean,
  dirty: Set<string>,
  lock: Lock,
  identity: string
) => {
  const { db } = ctx
  const m = ctx.memories.focus(t)
  try {
    writeInTurn(ctx, () => {
      const at = checkpointOf(db, t).position
      const from = BigInt(at)
      // What this process keeps in memory is valid only at the checkpoint it last committed.
      if (at !== m.at) m.forget()
      const w = m.writers
      // A rebuild in the store's own file leaves its index rows to its end (index-fill.ts); a page that cannot
      // refer to the store's rows is written in full, after the rows left so far.
      let indexed: boolean
      if (!deferIndex) indexed = w.indexByReference(page, from)
      else if (w.referable(page, from) || !page.some((e) => e.position > from)) indexed = true
      else {
        copyPending(db, t)
        indexed = false
      }
      let last = from
      let earliest = Number.POSITIVE_INFINITY
      for (const e of page) {
        if (e.position <= from) continue
        // Events passed the codecs on their way in; what the runner must refuse is a type it does not know
        // (written by a newer release). Decoding every event again would triple the cost of a rebuild.
        if (!isEventType(e.type)) throw new ProjectionStopped(e.position, e.type, '未知事件类型')
        const unit = w.apply(e, { type: e.type, data: e.data } as DomainEvent, indexed)
        const recordedMs = Date.parse(e.recordedAt)
        m.events.add(e, unit, recordedMs)
        if (unit !== undefined) dirty.add(unit)
        earliest = Math.min(earliest, recordedMs)
        last = e.position
      }
      // A month-end ranking stays true only while nothing recorded by its instant arrives later.
      if (last > from) forgetSnapshotsRecordedFrom(db, t, earliest)
      // Compare-and-set: if another writer moved the checkpoint, this transaction must not commit.
      const moved = prepared(
        db,
        `UPDATE ${t.checkpoint} SET position = ?, store_id = ? WHERE id = 1 AND position = ?`
      ).run(last, identity, from)
      if (moved.changes !== 1) throw new Error('读模型的检查点已被另一个投影进程推进，本进程停止写入')
      if (atHead) {
        storeScored(ctx, m, scoreSchemes(ctx, m, dirty), dirty)
        dirty.clear()
      }
      lock.renew()
      m.at = Number(last)
    })
  } catch (e) {
    // Rolled back: the memory may hold events and scores the read models do not.
    m.forget()
    throw e
  }
}

/**
 * Catches `t` up. `rebuild`: a new generation read from the start — the re-scoring is left to the caller (a
 * rebuild does it once, at the end), and so are its event index rows in the store's own file (index-fill.ts).
 */
export const catchUpGeneration = async (
  ctx: RunnerContext,
  t: Tables,
  lock: Lock,
  mode: 'follow' | 'rebuild' = 'follow'
): Promise<number> => {
  const scoreAtHead = mode === 'follow'
  const { store, db, batchSize } = ctx
  // The head on every pass; the identity only when not known (see RunnerContext.identity).
  let [identity, head] = await Promise.all([ctx.identity ?? store.identity(), store.headPosition()]).catch(
    (e: unknown) => {
      // The store went away: the one that answers next may be another, so ask again then.
      if (e instanceof StoreUnavailableError) ctx.identity = undefined
      throw e
    }
  )
  ctx.identity = identity
  const mismatch = mismatchOf(db, t, identity, head)
  if (mismatch) throw mismatch
  let position = BigInt(checkpointOf(db, t).position)
  let done = 0
  const dirty = new Set<string>()
  const m = ctx.memories.of(t)
  // The first pass after opening re-scores even with nothing new (the cache starts empty); later passes
  // with nothing new do nothing.
  let first = !m.scored
  for (;;) {
    const page = await store.readAll({ after: position, maxCount: batchSize })
    const atHead = page.length < batchSize
    // From the start, the identity is taken once the store holds this page (EventStoreDB's names its first event).
    if (position === 0n && page.length > 0) ctx.identity = identity = await store.identity()
    if (page.length > 0 || first)
      applyPage(ctx, t, page, atHead && scoreAtHead, mode === 'rebuild', dirty, lock, identity)
    if (atHead && scoreAtHead) m.scored = true
    first = false
    done += page.length
    if (page.length > 0) position = page[page.length - 1]!.position
    ctx.onProgress?.({ done, position, head: head > position ? head : position })
    if (atHead) return done
  }
}
