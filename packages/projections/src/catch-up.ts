/**
 * @module One pass of the runner over one generation: reads the log from its checkpoint page by page and
 * commits each page's read-model changes with the new checkpoint in one SQLite transaction (compare-and-set on
 * the checkpoint), so a crash never double-counts nor skips; at the head it re-scores the units the new events
 * touched and stores each scheme's ranking in the same transaction.
 */

import { type DomainEvent, isEventType, scoreSource } from '@kaoping/core'
import type { RecordedEvent } from '@kaoping/store'
import { StoreUnavailableError } from '@kaoping/store'
import * as E from 'fp-ts/Either'
import { checkpointOf, mismatchOf } from './checkpoint'
import { type RunnerContext, writeInTurn } from './context'
import { ProjectionStopped } from './errors'
import type { GenerationMemory } from './generation-memory'
import type { Lock } from './lock'
import { prepared } from './prepared'
import { writeRanking } from './ranking-store'
import { forgetSnapshotsRecordedFrom } from './snapshots'
import type { Tables } from './tables'

/** Re-scores every scheme (only the `dirty` units and those whose cached scores are gone) and stores the rankings. */
export const rescore = (ctx: RunnerContext, m: GenerationMemory, dirty: ReadonlySet<string>): void => {
  const cache = m.scores
  for (const key of [...cache.keys()]) if (dirty.has(key.slice(key.indexOf('/') + 1))) cache.delete(key)
  const before = cache.size
  const source = m.events.source(m.index)
  const schemeIds = [...new Set(source.allSchemes().map((s) => s.schemeId))]
  for (const schemeId of schemeIds) {
    const scored = scoreSource(source, { schemeId }, cache, m.outcomes)
    if (E.isLeft(scored)) continue
    // A rank indicator's points depend on every unit's value: then any new event may change every entry.
    const { scheme, result } = scored.right
    const ranked = [
      ...scheme.categories.flatMap((c) => c.indicators),
      ...(scheme.bonus?.indicators ?? []),
    ].some((i) => i.scoring.kind === 'rank')
    writeRanking(
      ctx.db,
      m.tables,
      result,
      ranked && dirty.size > 0 ? new Set(result.units.map((u) => u.unitId)) : dirty,
      m.written
    )
  }
  ctx.evaluated = cache.size - before
}

/** One page: read models + checkpoint (+ rankings when at the head) in one transaction. */
const applyPage = (
  ctx: RunnerContext,
  t: Tables,
  page: ReadonlyArray<RecordedEvent>,
  atHead: boolean,
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
      const indexed = w.indexByReference(page, from)
      let last = from
      let earliest = Number.POSITIVE_INFINITY
      for (const e of page) {
        if (e.position <= from) continue
        // Events passed the codecs on their way in; what the runner must refuse is a type it does not know
        // (written by a newer release). Decoding every event again would triple the cost of a rebuild.
        if (!isEventType(e.type)) throw new ProjectionStopped(e.position, e.type, '未知事件类型')
        const unit = w.apply(e, { type: e.type, data: e.data } as DomainEvent, indexed)
        m.events.add(e, unit)
        if (unit !== undefined) dirty.add(unit)
        earliest = Math.min(earliest, Date.parse(e.recordedAt))
        last = e.position
      }
      // A month-end ranking stays true only while nothing recorded by its instant arrives later.
      if (last > from) forgetSnapshotsRecordedFrom(db, t, earliest)
      // Compare-and-set: if another writer moved the checkpoint, this transaction must not commit.
      const moved = prepared(
        db,
        `UPDATE ${t.checkpoint} SET position = ?, store_id = ? WHERE id = 1 AND position = ?`
      ).run(last, identity, from)
      if (moved.changes !== 1) throw new Error('checkpoint moved under the runner')
      if (atHead) {
        rescore(ctx, m, dirty)
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

/** Catches `t` up; `scoreAtHead: false` leaves the re-scoring to the caller (a rebuild does it once, at the end). */
export const catchUpGeneration = async (
  ctx: RunnerContext,
  t: Tables,
  lock: Lock,
  scoreAtHead = true
): Promise<number> => {
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
    if (page.length > 0 || first) applyPage(ctx, t, page, atHead && scoreAtHead, dirty, lock, identity)
    if (atHead && scoreAtHead) m.scored = true
    first = false
    done += page.length
    if (page.length > 0) position = page[page.length - 1]!.position
    ctx.onProgress?.({ done, position, head: head > position ? head : position })
    if (atHead) return done
  }
}
