/**
 * @module Reading the stored ranking (rows: ranking-rows.ts): the rows joined back into the exact bytes
 * `JSON.stringify(result)` would give, without parsing anything — whole, or as pieces for streaming.
 */
import type Database from 'better-sqlite3'
import { prepared } from './prepared'
import { entryRows, head, MARK_JSON, rankingRow, rankingTag, resultHead } from './ranking-rows'
import type { Tables } from './tables'

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

/** A piece of a stored ranking's JSON: the Result up to its units, a unit's entry (after a comma but the first's), the end. */
export type RankingPart = 'head' | 'entry' | 'tail'

/**
 * The stored ranking's JSON as pieces — the Result's head, each unit's entry (with its separator), the tail —
 * read in one transaction (one consistent state, whatever the runner commits meanwhile). Joined, they are
 * exactly `readRankingJson`; the full view is streamed from them without ever building the whole text. `each`
 * turns a piece (told which part it is) into what is kept — its bytes, a unit's parsed entry — as soon as it is
 * read, so the pieces' text is never all held at once (≈ 117 MB of strings for a million events' full view).
 */
export const rankingChunks = <P = string>(
  db: Database.Database,
  t: Tables,
  schemeId: string,
  each: (piece: string, part: RankingPart) => P = (piece) => piece as P
): { readonly tag: string; readonly pieces: P[] } | undefined =>
  db.transaction(() => {
    const row = rankingRow(db, t, schemeId)
    if (!row) return undefined
    const listsOf = prepared<[string, string], { events: string }>(
      db,
      `SELECT events FROM ${t.unitEvents} WHERE scheme_id = ? AND unit_id = ? ORDER BY slot`
    )
    const pieces = [each(resultHead(schemeId, row), 'head')]
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
      pieces.push(each(json, 'entry'))
    })
    pieces.push(each(']}', 'tail'))
    return { tag: rankingTag(db, t, schemeId), pieces }
  })()
