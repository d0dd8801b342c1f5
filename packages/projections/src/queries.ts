/**
 * @module The questions the read models answer: the ranking now (one row), the ranking at another instant,
 * basis or scheme version (from the event index, unit by unit, through the same scoring code as replay), one
 * unit's entry, and what changed between two instants.
 */
import {
  type LogSource,
  parseAsOf,
  type ReplayError,
  type Result,
  type Scored,
  scoreSource,
  type UnitResult,
} from '@kaoping/core'
import type Database from 'better-sqlite3'
import * as E from 'fp-ts/Either'
import { indexSource } from './index-source'
import { rankingChunks, readRankingJson } from './ranking-read'
import { rankingTag } from './ranking-rows'
import { rankingSummaryJson } from './ranking-summary'
import { readSnapshot } from './snapshots'
import type { Tables } from './tables'

export interface RankingQuery {
  readonly schemeId: string
  readonly asOf?: string | undefined
  readonly basis?: 'recorded' | 'occurred' | undefined
  readonly version?: number | undefined
}

const isCurrent = (q: RankingQuery) =>
  q.asOf === undefined && q.version === undefined && (q.basis ?? 'recorded') === 'recorded'

export const ranking = (
  db: Database.Database,
  t: Tables,
  q: RankingQuery,
  source: LogSource = indexSource(db, t)
): E.Either<ReplayError, Scored> => {
  if (isCurrent(q)) {
    // Each entry parsed as it is read: their text is never all held.
    const read = rankingChunks(db, t, q.schemeId, (piece, part) =>
      part === 'entry' ? (JSON.parse(piece.startsWith(',') ? piece.slice(1) : piece) as UnitResult) : piece
    )
    const scored =
      read && scoredOf(q.schemeId, read.pieces[0] as string, read.pieces.slice(1, -1) as UnitResult[], source)
    if (scored) return E.right(scored)
  }
  const kept = monthEnd(db, t, q, source)
  if (kept) return E.right(kept)
  return scoreSource(source, q)
}

/**
 * A Result kept in pieces — its text up to its units, then each unit's entry, parsed piece by piece (never one
 * string) — with the scheme version it names (undefined if that version is not in the log).
 */
const scoredOf = (
  schemeId: string,
  head: string,
  units: ReadonlyArray<UnitResult>,
  source: LogSource
): Scored | undefined => {
  const top = JSON.parse(`${head}]}`) as Result
  const scheme = source.allSchemes().find((s) => s.schemeId === schemeId && s.version === top.version)
  return scheme ? { result: { ...top, units }, scheme } : undefined
}

/** A kept month-end ranking answering `q` exactly (recorded basis, version in force, asOf that instant). */
const monthEnd = (
  db: Database.Database,
  t: Tables,
  q: RankingQuery,
  source: LogSource
): Scored | undefined => {
  if (q.asOf === undefined || q.version !== undefined || (q.basis ?? 'recorded') !== 'recorded')
    return undefined
  const cut = parseAsOf(q.asOf, 'recorded')
  if (E.isLeft(cut) || !('recordedBy' in cut.right)) return undefined
  const kept = readSnapshot(db, t, q.schemeId, cut.right.recordedBy, (e) => JSON.parse(e) as UnitResult)
  return kept && scoredOf(q.schemeId, kept.head, kept.units, source)
}

/**
 * The whole ranking as of `asOf` (recorded basis, the version then in force): the kept month-end ranking when
 * `asOf` is a month end the log has passed, else scored through the one code path from `source` (the event
 * index, or a runner's memory-backed source over it).
 */
export const rankingAt = (
  db: Database.Database,
  t: Tables,
  schemeId: string,
  asOf: string,
  source: LogSource = indexSource(db, t)
): E.Either<ReplayError, Scored> => ranking(db, t, { schemeId, asOf }, source)

/**
 * The current ranking's JSON as pieces (the Result's head, each unit's entry, the tail), read in one
 * transaction, with the tag of that state: joined, exactly `currentRankingJson`, without ever building the
 * whole text — for streaming the full view.
 */
export const currentRankingChunks = <P = string>(
  db: Database.Database,
  t: Tables,
  schemeId: string,
  /** Applied to each piece as it is read (ranking-read.ts). */
  each?: (piece: string) => P
): { readonly tag: string; readonly pieces: ReadonlyArray<P> } | undefined =>
  rankingChunks(db, t, schemeId, each)

/** The tag of the current ranking's state (changes with every commit of the runner). */
export const currentRankingTag = (db: Database.Database, t: Tables, schemeId: string): string =>
  rankingTag(db, t, schemeId)

/** The current ranking's summary (`view=summary`) and its state's tag, made without reading the id lists. */
export const currentRankingSummary = (
  db: Database.Database,
  t: Tables,
  schemeId: string
): { readonly tag: string; readonly json: string } | undefined => rankingSummaryJson(db, t, schemeId)

/** The current ranking's JSON exactly as stored (what replay prints), for byte-for-byte comparison and serving. */
export const currentRankingJson = (db: Database.Database, t: Tables, schemeId: string): string | undefined =>
  readRankingJson(db, t, schemeId)

export interface IndicatorChange {
  readonly indicatorId: string
  readonly from: string | null
  readonly to: string | null
  /** to − from, 2 decimals; null when the indicator was or became not applicable. */
  readonly delta: string | null
  /** Events behind the value at `to` that were not behind it at `from`, and those that stopped counting. */
  readonly added: ReadonlyArray<string>
  readonly removed: ReadonlyArray<string>
}

export interface UnitDiff {
  readonly unitId: string
  readonly name: string
  readonly total: {
    readonly from: string | null
    readonly to: string
    readonly rankFrom: number | null
    readonly rankTo: number
  }
  readonly indicators: ReadonlyArray<IndicatorChange>
}

export interface Diff {
  readonly schemeId: string
  readonly from: string
  readonly to: string
  readonly units: ReadonlyArray<UnitDiff>
}

const indicators = (u: UnitResult | undefined) =>
  new Map(
    (u ? [...u.categories.flatMap((c) => c.indicators), ...(u.bonus?.indicators ?? [])] : []).map((i) => [
      i.id,
      i,
    ])
  )

const cents = (s: string) => Math.round(Number(s) * 100)

/** Per unit, every indicator whose points changed between two instants (recorded basis), and the events why. */
export const diff = (
  db: Database.Database,
  t: Tables,
  schemeId: string,
  from: string,
  to: string
): E.Either<ReplayError, Diff> => {
  const before = ranking(db, t, { schemeId, asOf: from })
  const after = ranking(db, t, { schemeId, asOf: to })
  if (E.isLeft(after)) return after
  const beforeUnits = E.isRight(before) ? before.right.result.units : []
  const units = after.right.result.units.flatMap((u): UnitDiff[] => {
    const old = beforeUnits.find((x) => x.unitId === u.unitId)
    const was = indicators(old)
    const changes = [...indicators(u).values()].flatMap((i): IndicatorChange[] => {
      const prev = was.get(i.id)
      const p = prev?.points ?? null
      if (p === i.points) return []
      const prevEvents = new Set(prev?.events ?? [])
      const nowEvents = new Set(i.events)
      return [
        {
          indicatorId: i.id,
          from: p,
          to: i.points,
          // Integer cents: both sides are 2-decimal strings, so the difference is exact.
          delta: p === null || i.points === null ? null : ((cents(i.points) - cents(p)) / 100).toFixed(2),
          added: i.events.filter((e) => !prevEvents.has(e)),
          removed: [...prevEvents].filter((e) => !nowEvents.has(e)),
        },
      ]
    })
    if (changes.length === 0 && old?.total === u.total) return []
    return [
      {
        unitId: u.unitId,
        name: u.name,
        total: { from: old?.total ?? null, to: u.total, rankFrom: old?.rank ?? null, rankTo: u.rank },
        indicators: changes,
      },
    ]
  })
  return E.right({
    schemeId,
    from: E.isRight(before) ? before.right.result.asOf : from,
    to: after.right.result.asOf,
    units,
  })
}

/**
 * How many events a report is about (the workbook's 事件数): those recorded by `recordedBy` (ms) and at or before
 * log position `upTo` — never a log position itself, which on EventStoreDB is a byte offset, not a count.
 */
export const eventCount = (
  db: Database.Database,
  t: Tables,
  bounds: { readonly recordedBy?: number; readonly upTo?: bigint } = {}
): number =>
  (
    db
      .prepare(`SELECT count(*) AS n FROM ${t.events} WHERE recorded_ms <= ? AND position <= ?`)
      .get(bounds.recordedBy ?? Number.MAX_SAFE_INTEGER, bounds.upTo ?? BigInt(Number.MAX_SAFE_INTEGER)) as {
      n: number
    }
  ).n
