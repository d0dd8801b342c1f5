/**
 * @module What the routes read, over the projections: the runner (following the store in this process)
 * keeps the read models current; `settle` gives read-your-writes by waiting, for a bounded time, until
 * they include everything stored when the request arrived — and refuses read models ahead of the store.
 */
import { createGzip } from 'node:zlib'
import type { ReplayError, Scheme, Scored } from '@kaoping/core'
import {
  currentRankingChunks,
  currentRankingJson,
  currentRankingSummary,
  currentRankingTag,
  type Diff,
  diff,
  indexSource,
  type Projector,
  type RankingQuery,
  ranking,
} from '@kaoping/projections'
import type { EventStore } from '@kaoping/store'
import type Database from 'better-sqlite3'
import type * as E from 'fp-ts/Either'
import type { QueryAnswer, QueryJob } from './projection-thread/query-messages'
import { unchanged } from './unchanged'

export interface UnitRow {
  readonly unitId: string
  readonly name: string
  readonly kind: string
}

export interface ReadModels {
  /** Tells the runner an append landed at `position` (so it need not wait for its next poll). */
  readonly appended: (position: bigint) => void
  /** Resolves true once the read models include every event stored before the call, false on timeout. */
  readonly settle: (timeoutMs: number) => Promise<boolean>
  readonly position: () => bigint
  readonly head: () => Promise<bigint>
  readonly units: () => ReadonlyArray<UnitRow>
  readonly schemes: () => ReadonlyArray<Scheme>
  readonly ranking: (q: RankingQuery) => E.Either<ReplayError, Scored>
  /** The current ranking's JSON as stored: served without parsing. */
  readonly rankingJson: (schemeId: string) => string | undefined
  readonly diff: (schemeId: string, from: string, to: string) => E.Either<ReplayError, Diff>
  /**
   * The current ranking's full JSON as pieces to stream (never one string), with a strong tag of its state;
   * `tag` alone answers a conditional request without reading it.
   */
  readonly rankingStream?: {
    readonly tag: (schemeId: string) => string
    /**
     * The encoded bytes (gzip-compressed when asked) as chunks of at most one unit's entry each, kept for the
     * last state of each scheme; undefined when nothing is stored.
     */
    readonly encoded: (schemeId: string, gzip: boolean) => Promise<Encoded | undefined>
  }
  /** Heavy work (a ranking to score and format) on another thread, bounded; absent: done in this thread. */
  readonly query?: (job: QueryJob) => Promise<QueryAnswer>
  /** The current ranking's summary JSON (`view=summary`), built unit by unit and kept per state. */
  readonly rankingSummaryJson?: (schemeId: string) => string | undefined
}

/** A ranking's bytes in chunks, with the tag of the state they are of and their total length. */
export interface Encoded {
  readonly tag: string
  readonly chunks: ReadonlyArray<Uint8Array>
  readonly length: number
}

const gzipped = (chunks: ReadonlyArray<Uint8Array>): Promise<Uint8Array[]> =>
  new Promise((resolve, reject) => {
    const out: Uint8Array[] = []
    const z = createGzip({ level: 6 })
    z.on('data', (d: Buffer) => out.push(d))
    z.on('end', () => resolve(out))
    z.on('error', reject)
    for (const c of chunks) z.write(c)
    z.end()
  })

/** The runner keeping the read models current: in this thread (`projector.follow()`) or another. */
export interface Following {
  readonly waitFor: (position: bigint, timeoutMs?: number) => Promise<boolean>
  readonly notify?: (position: bigint) => void
  /** Set while the read models are found not to be the store's and are being rebuilt. */
  readonly storeProblem?: () => string | undefined
  /** The projection thread's query thread, when there is one. */
  readonly query?: (job: QueryJob) => Promise<QueryAnswer>
}

export const projectedReadModels = (deps: {
  readonly store: EventStore
  readonly db: Database.Database
  readonly projector: Projector
  readonly following: Following
}): ReadModels => {
  const { store, db, projector, following } = deps
  const file = unchanged(db)
  /** The active tables, the checkpoint's position and a scheme's ranking tag, asked of the file once per change. */
  const current = () => {
    const view = file()
    const tables = view.get('tables', () => projector.tables())
    return {
      tables,
      position: () => view.get('position', () => projector.position()),
      tag: (schemeId: string) => view.get(`tag/${schemeId}`, () => currentRankingTag(db, tables, schemeId)),
    }
  }
  const summaries = new Map<string, { readonly tag: string; readonly json: string }>()
  const encodings = new Map<string, { plain: Encoded; gzip?: Promise<Encoded> }>()
  const plainOf = (schemeId: string): Encoded | undefined => {
    const now = current()
    const hit = encodings.get(schemeId)
    if (hit && hit.plain.tag === now.tag(schemeId)) return hit.plain
    // The last state's bytes (≈ 59 MB for a million events' full view, and its gzip) go before the new are read.
    encodings.delete(schemeId)
    const encoder = new TextEncoder()
    // Each piece encoded as it is read: its text goes at once, only the bytes kept.
    const read = currentRankingChunks(db, now.tables, schemeId, (p) => encoder.encode(p))
    if (!read) return undefined
    const chunks = read.pieces
    const plain = { tag: read.tag, chunks, length: chunks.reduce((n, c) => n + c.length, 0) }
    encodings.set(schemeId, { plain })
    return plain
  }
  return {
    appended: (position) => following.notify?.(position),
    settle: async (timeoutMs) => {
      const deadline = performance.now() + timeoutMs
      for (;;) {
        const head = await store.headPosition()
        const position = current().position()
        // Read models ahead of the store's head (it was emptied or restored from an older backup), or of another
        // store: what they hold is not in this store, so nothing is answered from them until they are rebuilt.
        const foreign = position > head || following.storeProblem?.() !== undefined
        const left = deadline - performance.now()
        if (!foreign) return position >= head || following.waitFor(head, Math.max(0, left))
        if (left <= 0) return false
        await new Promise((resolve) => setTimeout(resolve, Math.min(50, left)))
      }
    },
    position: () => projector.position(),
    head: () => store.headPosition(),
    units: () =>
      db
        .prepare(`SELECT unit_id AS unitId, name, kind FROM ${projector.tables().units} ORDER BY unit_id`)
        .all() as UnitRow[],
    schemes: () => indexSource(db, projector.tables()).allSchemes(),
    ranking: (q) => ranking(db, projector.tables(), q),
    rankingJson: (schemeId) => currentRankingJson(db, projector.tables(), schemeId),
    diff: (schemeId, from, to) => diff(db, projector.tables(), schemeId, from, to),
    ...(following.query ? { query: following.query } : {}),
    rankingStream: {
      tag: (schemeId) => current().tag(schemeId),
      encoded: async (schemeId, gzip) => {
        const plain = plainOf(schemeId)
        if (!plain || !gzip) return plain
        const entry = encodings.get(schemeId)!
        entry.gzip ??= gzipped(plain.chunks).then((chunks) => ({
          tag: plain.tag,
          chunks,
          length: chunks.reduce((n, c) => n + c.length, 0),
        }))
        return entry.gzip
      },
    },
    rankingSummaryJson: (schemeId) => {
      const now = current()
      const hit = summaries.get(schemeId)
      if (hit?.tag === now.tag(schemeId)) return hit.json
      // Made from each unit's entry and its lists' lengths, the changed units only (projections ranking-store).
      const read = currentRankingSummary(db, now.tables, schemeId)
      if (!read) return undefined
      summaries.set(schemeId, read)
      return read.json
    },
  }
}
