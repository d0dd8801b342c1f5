/**
 * @module How a ranking is kept in rows (ranking-store.ts writes them; ranking-read.ts and ranking-summary.ts read
 * them): the Result's head in one row and each unit's entry in its own rows, stored without its leading `unitId`,
 * `name` and `rank` (columns of their own), its `events` lists as rows of their own with a mark in their place.
 */
import { createHash } from 'node:crypto'
import type { UnitResult } from '@kaoping/core'
import type Database from 'better-sqlite3'
import { prepared } from './prepared'
import type { Tables } from './tables'

/** Stands for an `events` list in an entry's stored text. */
export const MARK = '\u0000events'
export const MARK_JSON = JSON.stringify(MARK)

export const head = (u: Pick<UnitResult, 'unitId' | 'name' | 'rank'>) =>
  `{"unitId":${JSON.stringify(u.unitId)},"name":${JSON.stringify(u.name)},"rank":${u.rank},`

/**
 * A strong tag of the stored ranking: it changes only with the checkpoint (rankings are written in the
 * transaction that moves it), so (store, generation, position, scheme) names its bytes.
 */
export const rankingTag = (db: Database.Database, t: Tables, schemeId: string): string => {
  const cp = prepared(db, `SELECT position, store_id FROM ${t.checkpoint} WHERE id = 1`).get() as
    | { position: number; store_id: string | null }
    | undefined
  return createHash('sha256')
    .update(`${cp?.store_id ?? ''}\u0000${t.generation}\u0000${cp?.position ?? -1}\u0000${schemeId}`)
    .digest('base64url')
    .slice(0, 27)
}

export interface RankingRow {
  readonly version: number
  readonly as_of: string
  readonly basis: string
}

export interface EntryRow {
  readonly unit_id: string
  readonly name: string
  readonly rank: number
  readonly lists: number | null
  /** The lengths of its lists, comma-separated (null with `lists`). */
  readonly counts: string | null
  readonly entry: string
}

export const rankingRow = (db: Database.Database, t: Tables, schemeId: string) =>
  prepared(db, `SELECT version, as_of, basis FROM ${t.rankings} WHERE scheme_id = ?`).get(schemeId) as
    | RankingRow
    | undefined

/** Each unit's entry row, in ranking order. */
export const entryRows = (db: Database.Database, t: Tables, schemeId: string) =>
  prepared(
    db,
    `SELECT unit_id, name, rank, lists, counts, entry FROM ${t.unitResults} WHERE scheme_id = ? ORDER BY ord`
  ).all(schemeId) as EntryRow[]

/** The Result's text up to its units. */
export const resultHead = (schemeId: string, row: RankingRow) =>
  `{"schemeId":${JSON.stringify(schemeId)},"version":${row.version},"asOf":${JSON.stringify(row.as_of)},"basis":${JSON.stringify(row.basis)},"units":[`
