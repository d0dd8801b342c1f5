/**
 * @module Writing the stored ranking (rows: ranking-rows.ts). An entry is stored without its leading `unitId`,
 * `name` and `rank` (columns of their own), so a unit that only moved in the ranking costs two integers; and its
 * `events` lists (most of its bytes) are rows of their own, so a new event rewrites the lists it changed, not the
 * unit's whole entry. Writing re-serialises only what changed (reading: ranking-read.ts, ranking-summary.ts).
 */
import { createHash } from 'node:crypto'
import type { Result, UnitResult } from '@kaoping/core'
import type Database from 'better-sqlite3'
import { prepared } from './prepared'
import { head, MARK, MARK_JSON } from './ranking-rows'
import type { Tables } from './tables'

interface Entry {
  readonly unit: UnitResult
  /** Its `events` lists in the order of the JSON text. */
  readonly lists: ReadonlyArray<ReadonlyArray<string>>
}

/**
 * What this process last wrote per scheme, to compare the next Result with (kept by the projector, forgotten with
 * its memory): the version, every stored row's place, and the entries whose content it knows.
 */
export type Written = Map<
  string,
  {
    readonly version: number
    readonly places: Map<string, Place>
    readonly units: Map<string, Entry>
  }
>

interface Place {
  readonly ord: number
  readonly rank: number
}

/**
 * The entry's JSON after its head, with each `events` list replaced by MARK_JSON, and the lists in order:
 * `JSON.stringify(u)` is `head(u)` + the text with the i-th mark replaced by `JSON.stringify(lists[i])`.
 * `lists` is null when the text itself holds the mark (then it is stored whole).
 */
const split = (
  u: UnitResult
): { readonly text: string; readonly lists: ReadonlyArray<ReadonlyArray<string>> | null } => {
  const lists: Array<ReadonlyArray<string>> = []
  const json = JSON.stringify(u, (k, v) => {
    if (k === 'events' && Array.isArray(v)) {
      lists.push(v)
      return MARK
    }
    return v
  })
  const h = head(u)
  // The Result type declares unitId, name and rank first; if that ever changes this must, loudly.
  if (!json.startsWith(h)) throw new Error(`unit entry ${u.unitId} does not start with unitId, name, rank`)
  const text = json.slice(h.length)
  if (text.split(MARK_JSON).length === lists.length + 1) return { text, lists }
  return { text: JSON.stringify(u).slice(h.length), lists: null }
}

const sameList = (a: ReadonlyArray<string>, b: ReadonlyArray<string> | undefined) => {
  if (a === b) return true
  if (!b || a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** Deep equality that trusts shared references (an unchanged evaluation shares its arrays), ignoring `rank`. */
const same = (a: unknown, b: unknown): boolean => {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false
    return true
  }
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length) return false
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i]!
    // Key order matters: it is the order of the JSON text.
    if (k !== kb[i]) return false
    if (!same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false
  }
  return true
}
const sameEntry = (a: UnitResult, b: UnitResult) => same({ ...a, rank: 0 }, { ...b, rank: 0 })

/**
 * Stores `result`. An entry is re-serialised when its content changed: compared with `written` (what this
 * process last wrote) when known, otherwise when the unit is in `dirty`. A unit that only moved gets its new
 * rank and place.
 */
export const writeRanking = (
  db: Database.Database,
  t: Tables,
  result: Result,
  dirty: ReadonlySet<string>,
  written: Written
): void => {
  const { schemeId } = result
  const memo = written.get(schemeId)
  // What is stored: known from the last write when this process made it, else read (once).
  const version =
    memo?.version ??
    (
      prepared(db, `SELECT version FROM ${t.rankings} WHERE scheme_id = ?`).get(schemeId) as
        | { version: number }
        | undefined
    )?.version
  // Another scheme version means every entry is new.
  const sameVersion = version === result.version
  if (!sameVersion) {
    prepared(db, `DELETE FROM ${t.unitResults} WHERE scheme_id = ?`).run(schemeId)
    prepared(db, `DELETE FROM ${t.unitEvents} WHERE scheme_id = ?`).run(schemeId)
  }
  const previous = sameVersion ? memo?.units : undefined
  const stored: ReadonlyMap<string, Place> = !sameVersion
    ? new Map()
    : (memo?.places ??
      new Map(
        (
          prepared(db, `SELECT unit_id, ord, rank FROM ${t.unitResults} WHERE scheme_id = ?`).all(
            schemeId
          ) as Array<{ unit_id: string; ord: number; rank: number }>
        ).map((r) => [r.unit_id, { ord: r.ord, rank: r.rank }] as const)
      ))
  const upsert = prepared(
    db,
    `INSERT INTO ${t.unitResults} (scheme_id, unit_id, ord, rank, name, lists, counts, digest, entry)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (scheme_id, unit_id) DO UPDATE SET ord = excluded.ord, rank = excluded.rank, name = excluded.name,
       lists = excluded.lists, counts = excluded.counts, digest = excluded.digest, entry = excluded.entry`
  )
  const putList = prepared(
    db,
    `INSERT INTO ${t.unitEvents} (scheme_id, unit_id, slot, events) VALUES (?, ?, ?, ?)
     ON CONFLICT (scheme_id, unit_id, slot) DO UPDATE SET events = excluded.events`
  )
  const dropLists = prepared(
    db,
    `DELETE FROM ${t.unitEvents} WHERE scheme_id = ? AND unit_id = ? AND slot >= ?`
  )
  const move = prepared(
    db,
    `UPDATE ${t.unitResults} SET ord = ?, rank = ? WHERE scheme_id = ? AND unit_id = ?`
  )
  const units = new Map<string, Entry>()
  const places = new Map<string, Place>()
  result.units.forEach((u, ord) => {
    places.set(u.unitId, { ord, rank: u.rank })
    const row = stored.get(u.unitId)
    const before = previous?.get(u.unitId)
    const changed = !row || (before ? !sameEntry(before.unit, u) : dirty.has(u.unitId))
    if (!changed) {
      // Unknown content (written by another process) stays unknown: the next change writes it whole.
      if (before) units.set(u.unitId, { unit: u, lists: before.lists })
      if (row.ord !== ord || row.rank !== u.rank) move.run(ord, u.rank, schemeId, u.unitId)
      return
    }
    const { text, lists } = split(u)
    const counts = lists ? lists.map((l) => l.length).join(',') : null
    upsert.run(
      schemeId,
      u.unitId,
      ord,
      u.rank,
      u.name,
      lists?.length ?? null,
      counts,
      // What the summary of the entry depends on besides its head: the text and the lengths. A list the summary
      // keeps whole (an adjustment's events) is named in the text too (the adjustment's event), so it is covered.
      createHash('sha256')
        .update(`${u.name}\u0000${counts ?? ''}\u0000${text}`)
        .digest('base64url'),
      text
    )
    const n = lists?.length ?? 0
    // Only the lists that changed are written again (all of them when this process has not written the unit).
    for (let i = 0; i < n; i++) {
      const list = lists![i]!
      if (!row || !before || !sameList(list, before.lists[i]))
        putList.run(schemeId, u.unitId, i, JSON.stringify(list))
    }
    if (!before || before.lists.length > n) dropLists.run(schemeId, u.unitId, n)
    units.set(u.unitId, { unit: u, lists: lists ?? [] })
  })
  for (const unitId of stored.keys())
    if (!places.has(unitId)) {
      prepared(db, `DELETE FROM ${t.unitResults} WHERE scheme_id = ? AND unit_id = ?`).run(schemeId, unitId)
      dropLists.run(schemeId, unitId, 0)
    }
  prepared(
    db,
    `INSERT OR REPLACE INTO ${t.rankings} (scheme_id, version, as_of, basis) VALUES (?, ?, ?, ?)`
  ).run(schemeId, result.version, result.asOf, result.basis)
  written.set(schemeId, { version: result.version, places, units })
}
