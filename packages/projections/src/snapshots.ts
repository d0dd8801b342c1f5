/**
 * @module Month-end rankings kept by the projection: for each scheme, the Result as of the end of each month's
 * last Beijing day (recorded basis, the version then in force) — the trend chart's points, "change since" a
 * month end, and an auditor's as-of ranking at a month end without scoring 200 units' histories again.
 * A snapshot is the JSON text scoring gave (the one code path), kept in pieces, taken once the log has passed its
 * instant. It stays true while nothing recorded by that instant arrives later; the runner deletes it, in the
 * page's transaction, when such an event does (an import with past recording times).
 */
import { endOfBeijingDayMs, type LogSource, scoreSource } from '@kaoping/core'
import type Database from 'better-sqlite3'
import * as E from 'fp-ts/Either'
import { checkpointOf } from './checkpoint'
import { prepared } from './prepared'
import { resultPieceBytes } from './result-bytes'
import { getMeta, PROJECTION_CODE_VERSION, type Tables } from './tables'

/** How far after its period a scheme's month ends are kept (appeals, republication). */
const MONTHS_AFTER = 3

/** The last day (YYYY-MM-DD) of every month from `from`'s month to `months` months after `to`'s. */
export const monthEnds = (from: string, to: string, months = MONTHS_AFTER): string[] => {
  let y = Number(from.slice(0, 4))
  let m = Number(from.slice(5, 7))
  const endY = Number(to.slice(0, 4))
  const endM = Number(to.slice(5, 7)) + months
  const out: string[] = []
  while (y * 12 + m <= endY * 12 + endM) {
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
    out.push(`${y}-${String(m).padStart(2, '0')}-${String(last).padStart(2, '0')}`)
    m++
    if (m > 12) {
      m = 1
      y++
    }
  }
  return out
}

/** After a page of events recorded from `recordedMs` on: forget the month ends they make untrue. */
export const forgetSnapshotsRecordedFrom = (db: Database.Database, t: Tables, recordedMs: number): void => {
  // The earliest recording instant comes from the caller's page: asked of the index, `min(recorded_ms)` over the
  // new positions walked the recorded_ms index from its start (≈ 40 ms at 1M events, on every update).
  prepared(db, `DELETE FROM ${t.snapshots} WHERE as_of_ms >= ?`).run(recordedMs)
}

/**
 * Kept month ends are read and written only in a generation made by this code: while an older one is still live
 * (its rebuild on an upgrade under way) its snapshots table may have another shape, and is not used.
 */
const keptHere = (db: Database.Database, t: Tables): boolean =>
  checkpointOf(db, t).code_version === PROJECTION_CODE_VERSION

/**
 * The stored ranking of `schemeId` as of exactly `ms` (recorded basis, version in force), if kept: the Result's
 * text up to its units, then each unit's entry, in ranking order, as `each` makes it from the entry's text as soon
 * as it is read (its parse, say: the entries' text, ≈ 120 MB in V8's heap for a million events, is then never all
 * held). `each` must not use `db`: the rows are read while it runs. `${head}${entries.join(',')}]}` is the JSON
 * scoring gave; it is never made here.
 */
export const readSnapshot = <P>(
  db: Database.Database,
  t: Tables,
  schemeId: string,
  ms: number,
  each: (entry: string) => P
): { readonly head: string; readonly units: ReadonlyArray<P> } | undefined => {
  if (!keptHere(db, t)) return undefined
  const rows = prepared(
    db,
    `SELECT json FROM ${t.snapshots} WHERE scheme_id = ? AND as_of_ms = ? ORDER BY piece`
  ).iterate(schemeId, ms) as IterableIterator<{ json: string }>
  let head: string | undefined
  const units: P[] = []
  for (const { json } of rows) {
    if (head === undefined) head = json
    else units.push(each(json))
  }
  return head === undefined ? undefined : { head, units }
}

/** The month ends kept for `schemeId`, oldest first, as instants in ms. */
export const snapshotInstants = (db: Database.Database, t: Tables, schemeId: string): number[] =>
  keptHere(db, t)
    ? (
        prepared(
          db,
          `SELECT as_of_ms FROM ${t.snapshots} WHERE scheme_id = ? AND piece = 0 ORDER BY as_of_ms`
        ).all(schemeId) as Array<{ as_of_ms: number }>
      ).map((r) => r.as_of_ms)
    : []

/** Month ends the log has passed that have no snapshot yet, per scheme, oldest first. */
export const missingSnapshots = (
  db: Database.Database,
  t: Tables,
  source: LogSource
): Array<{ readonly schemeId: string; readonly date: string; readonly ms: number }> => {
  const last = (prepared(db, `SELECT max(recorded_ms) AS ms FROM ${t.events}`).get() as { ms: number | null })
    .ms
  if (last === null) return []
  const latest = new Map<string, { from: string; to: string; version: number }>()
  for (const s of source.allSchemes()) {
    const known = latest.get(s.schemeId)
    if (!known || s.version > known.version)
      latest.set(s.schemeId, { from: s.period.from, to: s.period.to, version: s.version })
  }
  const out: Array<{ schemeId: string; date: string; ms: number }> = []
  for (const [schemeId, p] of [...latest].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const have = new Set(snapshotInstants(db, t, schemeId))
    for (const date of monthEnds(p.from, p.to)) {
      const ms = endOfBeijingDayMs(date)
      if (ms < last && !have.has(ms)) out.push({ schemeId, date, ms })
    }
  }
  return out
}

/**
 * Scores and stores up to `max` missing month ends from `source` (the runner passes its memory-backed source; a
 * reader on its own connection, the event index). Scoring reads one consistent state (position P) outside any
 * write transaction; the snapshot is stored only if no event recorded by its instant arrived after P (the
 * runner may have moved on meanwhile: what it applied does not concern an earlier month end) and `t` is still
 * the live generation. Returns how many were stored.
 */
export const fillSnapshots = (
  db: Database.Database,
  t: Tables,
  source: LogSource,
  max = Number.POSITIVE_INFINITY,
  /** Runs the write in this thread's turn at the file (the server's write gate); at once by default. */
  inTurn: <T>(write: () => T) => T = (write) => write()
): number => {
  let stored = 0
  if (!keptHere(db, t)) return 0
  const missing = db.transaction(() => missingSnapshots(db, t, source))()
  const utf8 = db.pragma('encoding', { simple: true }) === 'UTF-8'
  for (const { schemeId, date, ms } of missing) {
    if (stored >= max) break
    const scored = db.transaction(() => ({
      at: checkpointOf(db, t).position,
      scored: scoreSource(source, { schemeId, asOf: date }),
    }))()
    if (E.isLeft(scored.scored)) continue
    // Each unit's entry as its bytes as soon as it is made: the entries' text is never all held.
    const pieces = resultPieceBytes(scored.scored.right.result)
    const put = db.transaction(() => {
      if (getMeta(db, 'active_generation') !== String(t.generation)) return false
      const late = prepared(
        db,
        `SELECT 1 FROM ${t.events} WHERE position > ? AND recorded_ms <= ? LIMIT 1`
      ).get(scored.at, ms)
      if (late !== undefined) return false
      prepared(db, `DELETE FROM ${t.snapshots} WHERE scheme_id = ? AND as_of_ms = ?`).run(schemeId, ms)
      const insert = prepared(
        db,
        `INSERT INTO ${t.snapshots} (scheme_id, as_of_ms, piece, json) VALUES (?, ?, ?, CAST(? AS TEXT))`
      )
      // Bound as a BLOB, stored as the TEXT its bytes are — in a file whose text is UTF-8 (SQLite's default, and
      // every file kaoping makes); a file made elsewhere in UTF-16 is given the text.
      for (const [i, bytes] of pieces.entries())
        insert.run(schemeId, ms, i, utf8 ? bytes : bytes.toString('utf8'))
      return true
    })
    if (!inTurn(() => put.immediate())) break
    stored++
  }
  return stored
}
