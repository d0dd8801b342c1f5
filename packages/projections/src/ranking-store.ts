/**
 * @module The stored ranking: the Result's head in one row and each unit's entry in its own rows. An entry is
 * stored without its leading `unitId`, `name` and `rank` (columns of their own), so a unit that only moved
 * in the ranking costs two integers; and its `events` lists (most of its bytes) are rows of their own, so a new
 * event rewrites the lists it changed, not the unit's whole entry. Writing re-serialises only what changed;
 * reading joins the rows back into the exact bytes `JSON.stringify(result)` would give, without parsing anything.
 */
import { createHash } from 'node:crypto'
import { type Result, summarizeUnit, type UnitResult } from '@kaoping/core'
import type Database from 'better-sqlite3'
import { prepared } from './prepared'
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

/** Stands for an `events` list in an entry's stored text. */
const MARK = '\u0000events'
const MARK_JSON = JSON.stringify(MARK)

const head = (u: Pick<UnitResult, 'unitId' | 'name' | 'rank'>) =>
  `{"unitId":${JSON.stringify(u.unitId)},"name":${JSON.stringify(u.name)},"rank":${u.rank},`

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

/**
 * Assembled rankings kept per connection. Rankings change only in the transaction that moves the checkpoint,
 * so a text assembled at checkpoint p is still the stored ranking while the checkpoint is p.
 */
const assembled = new WeakMap<
  Database.Database,
  Map<string, { readonly position: number; readonly json: string }>
>()

/** The stored ranking as the JSON text of its Result (key order as the Result type declares it). */
export const readRankingJson = (db: Database.Database, t: Tables, schemeId: string): string | undefined => {
  const position =
    (
      prepared(db, `SELECT position FROM ${t.checkpoint} WHERE id = 1`).get() as
        | { position: number }
        | undefined
    )?.position ?? -1
  const memo = assembled.get(db) ?? assembled.set(db, new Map()).get(db)!
  const key = `${t.rankings}/${schemeId}`
  const hit = memo.get(key)
  if (hit && hit.position === position) return hit.json
  const json = assemble(db, t, schemeId)
  if (json === undefined) memo.delete(key)
  else memo.set(key, { position, json })
  return json
}

const assemble = (db: Database.Database, t: Tables, schemeId: string): string | undefined =>
  rankingChunks(db, t, schemeId)?.pieces.join('')

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

interface RankingRow {
  readonly version: number
  readonly as_of: string
  readonly basis: string
}

interface EntryRow {
  readonly unit_id: string
  readonly name: string
  readonly rank: number
  readonly lists: number | null
  /** The lengths of its lists, comma-separated (null with `lists`). */
  readonly counts: string | null
  readonly entry: string
}

const rankingRow = (db: Database.Database, t: Tables, schemeId: string) =>
  prepared(db, `SELECT version, as_of, basis FROM ${t.rankings} WHERE scheme_id = ?`).get(schemeId) as
    | RankingRow
    | undefined

/** Each unit's entry row, in ranking order. */
const entryRows = (db: Database.Database, t: Tables, schemeId: string) =>
  prepared(
    db,
    `SELECT unit_id, name, rank, lists, counts, entry FROM ${t.unitResults} WHERE scheme_id = ? ORDER BY ord`
  ).all(schemeId) as EntryRow[]

/** The Result's text up to its units. */
const resultHead = (schemeId: string, row: RankingRow) =>
  `{"schemeId":${JSON.stringify(schemeId)},"version":${row.version},"asOf":${JSON.stringify(row.as_of)},"basis":${JSON.stringify(row.basis)},"units":[`

/**
 * The stored ranking's JSON as pieces — the Result's head, each unit's entry (with its separator), the tail —
 * read in one transaction (one consistent state, whatever the runner commits meanwhile). Joined, they are
 * exactly `readRankingJson`; the full view is streamed from them without ever building the whole text.
 */
export const rankingChunks = (
  db: Database.Database,
  t: Tables,
  schemeId: string
): { readonly tag: string; readonly pieces: string[] } | undefined =>
  db.transaction(() => {
    const row = rankingRow(db, t, schemeId)
    if (!row) return undefined
    const listsOf = prepared<[string, string], { events: string }>(
      db,
      `SELECT events FROM ${t.unitEvents} WHERE scheme_id = ? AND unit_id = ? ORDER BY slot`
    )
    const pieces = [resultHead(schemeId, row)]
    entryRows(db, t, schemeId).forEach((r, i) => {
      let json = (i === 0 ? '' : ',') + head({ unitId: r.unit_id, name: r.name, rank: r.rank })
      if (r.lists === null) json += r.entry
      else {
        const texts = listsOf.all(schemeId, r.unit_id).map((l) => l.events)
        const parts = r.entry.split(MARK_JSON)
        if (parts.length !== r.lists + 1 || texts.length !== r.lists)
          throw new Error(`stored ranking entry ${r.unit_id} is incomplete`)
        json += parts[0]!
        for (let k = 0; k < texts.length; k++) json += texts[k]! + parts[k + 1]!
      }
      pieces.push(json)
    })
    pieces.push(']}')
    return { tag: rankingTag(db, t, schemeId), pieces }
  })()

export const rankingVersion = (db: Database.Database, t: Tables, schemeId: string): number | undefined =>
  (
    prepared(db, `SELECT version FROM ${t.rankings} WHERE scheme_id = ?`).get(schemeId) as
      | { version: number }
      | undefined
  )?.version

/** Each unit's summary (core `summarizeUnit`) after its head, by the stored entry and list lengths it came from. */
const summaryBodies = new WeakMap<
  Database.Database,
  Map<string, { readonly digest: string; readonly body: string }>
>()

/**
 * The stored ranking's summary (`view=summary`): core's `summarize` of the Result, byte for byte, made from each
 * unit's entry text and its lists' lengths — the id lists (most of a ranking's bytes) are not read. A unit's part
 * is made again only when its entry or a length changed (one unit after an update; the others only move).
 */
export const rankingSummaryJson = (
  db: Database.Database,
  t: Tables,
  schemeId: string
): { readonly tag: string; readonly json: string } | undefined =>
  db.transaction(() => {
    const row = rankingRow(db, t, schemeId)
    if (!row) return undefined
    const memo = summaryBodies.get(db) ?? summaryBodies.set(db, new Map()).get(db)!
    const parts: string[] = []
    const seen = new Set<string>()
    const entryOf = prepared<[string, string], { entry: string }>(
      db,
      `SELECT entry FROM ${t.unitResults} WHERE scheme_id = ? AND unit_id = ?`
    )
    for (const r of prepared(
      db,
      `SELECT unit_id, name, rank, lists, counts, digest FROM ${t.unitResults} WHERE scheme_id = ? ORDER BY ord`
    ).all(schemeId) as Array<Omit<EntryRow, 'entry'> & { digest: string }>) {
      const countsText = r.counts ?? ''
      const lengths = countsText === '' ? [] : countsText.split(',').map(Number)
      if (r.lists !== null && lengths.length !== r.lists)
        throw new Error(`stored ranking entry ${r.unit_id} is incomplete`)
      const key = `${t.unitResults}/${schemeId}/${r.unit_id}`
      const known = memo.get(key)
      let body: string
      if (known && known.digest === r.digest) body = known.body
      else {
        const entry = entryOf.get(schemeId, r.unit_id)!.entry
        const h = head({ unitId: r.unit_id, name: r.name, rank: r.rank })
        let slot = 0
        // Each mark stands for the next list. `summarizeUnit` reads only the length of those it counts; a list it
        // keeps (an adjustment's events) is read when the summary is written (`toJSON`).
        const listAt = (k: number) => ({
          length: lengths[k]!,
          toJSON: () =>
            JSON.parse(
              (
                prepared(
                  db,
                  `SELECT events FROM ${t.unitEvents} WHERE scheme_id = ? AND unit_id = ? AND slot = ?`
                ).get(schemeId, r.unit_id, k) as { events: string }
              ).events
            ) as unknown,
        })
        const unit = (
          r.lists === null
            ? JSON.parse(`${h}${entry}`)
            : JSON.parse(`${h}${entry}`, (k, v) => (k === 'events' && v === MARK ? listAt(slot++) : v))
        ) as UnitResult
        const text = JSON.stringify(summarizeUnit(unit))
        body = text.slice(h.length)
        memo.set(key, { digest: r.digest, body })
      }
      parts.push(head({ unitId: r.unit_id, name: r.name, rank: r.rank }) + body)
      seen.add(key)
    }
    // Parts of units no longer ranked, and of generations no longer read, go.
    for (const key of memo.keys())
      if (
        !key.startsWith(`${t.unitResults}/`) ||
        (key.startsWith(`${t.unitResults}/${schemeId}/`) && !seen.has(key))
      )
        memo.delete(key)
    return {
      tag: rankingTag(db, t, schemeId),
      json: `${resultHead(schemeId, row)}${parts.join(',')}]}`,
    }
  })()
