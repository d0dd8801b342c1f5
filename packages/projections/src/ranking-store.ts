/**
 * @module The stored ranking: the Result's head in one row and each unit's entry in its own row. Writing
 * re-serialises only the entries that changed (units with new events, or whose rank moved); reading joins the
 * rows back into the exact bytes `JSON.stringify(result)` would give, without parsing anything.
 */
import type { Result } from '@kaoping/core'
import type Database from 'better-sqlite3'
import type { Tables } from './tables'

export const writeRanking = (
  db: Database.Database,
  t: Tables,
  result: Result,
  dirty: ReadonlySet<string>
): void => {
  const head = db.prepare(`SELECT version FROM ${t.rankings} WHERE scheme_id = ?`).get(result.schemeId) as
    | { version: number }
    | undefined
  // Another scheme version means every entry is new.
  const sameVersion = head?.version === result.version
  if (!sameVersion) db.prepare(`DELETE FROM ${t.unitResults} WHERE scheme_id = ?`).run(result.schemeId)
  const stored = new Map(
    (
      db
        .prepare(`SELECT unit_id, ord, rank FROM ${t.unitResults} WHERE scheme_id = ?`)
        .all(result.schemeId) as Array<{ unit_id: string; ord: number; rank: number }>
    ).map((r) => [r.unit_id, r] as const)
  )
  const upsert = db.prepare(
    `INSERT INTO ${t.unitResults} (scheme_id, unit_id, ord, rank, entry) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (scheme_id, unit_id) DO UPDATE SET ord = excluded.ord, rank = excluded.rank, entry = excluded.entry`
  )
  const reorder = db.prepare(`UPDATE ${t.unitResults} SET ord = ? WHERE scheme_id = ? AND unit_id = ?`)
  const present = new Set<string>()
  result.units.forEach((u, ord) => {
    present.add(u.unitId)
    const old = stored.get(u.unitId)
    if (!old || dirty.has(u.unitId) || old.rank !== u.rank)
      upsert.run(result.schemeId, u.unitId, ord, u.rank, JSON.stringify(u))
    else if (old.ord !== ord) reorder.run(ord, result.schemeId, u.unitId)
  })
  for (const unitId of stored.keys())
    if (!present.has(unitId))
      db.prepare(`DELETE FROM ${t.unitResults} WHERE scheme_id = ? AND unit_id = ?`).run(
        result.schemeId,
        unitId
      )
  db.prepare(
    `INSERT OR REPLACE INTO ${t.rankings} (scheme_id, version, as_of, basis) VALUES (?, ?, ?, ?)`
  ).run(result.schemeId, result.version, result.asOf, result.basis)
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
      db.prepare(`SELECT position FROM ${t.checkpoint} WHERE id = 1`).get() as
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

const assemble = (db: Database.Database, t: Tables, schemeId: string): string | undefined => {
  const head = db
    .prepare(`SELECT version, as_of, basis FROM ${t.rankings} WHERE scheme_id = ?`)
    .get(schemeId) as { version: number; as_of: string; basis: string } | undefined
  if (!head) return undefined
  const entries = (
    db.prepare(`SELECT entry FROM ${t.unitResults} WHERE scheme_id = ? ORDER BY ord`).all(schemeId) as Array<{
      entry: string
    }>
  ).map((r) => r.entry)
  return `{"schemeId":${JSON.stringify(schemeId)},"version":${head.version},"asOf":${JSON.stringify(head.as_of)},"basis":${JSON.stringify(head.basis)},"units":[${entries.join(',')}]}`
}

export const rankingVersion = (db: Database.Database, t: Tables, schemeId: string): number | undefined =>
  (
    db.prepare(`SELECT version FROM ${t.rankings} WHERE scheme_id = ?`).get(schemeId) as
      | { version: number }
      | undefined
  )?.version
