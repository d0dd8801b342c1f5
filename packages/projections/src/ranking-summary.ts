/** @module The stored ranking's summary (`view=summary`), made from the rows without reading the id lists. */
import { summarizeUnit, type UnitResult } from '@kaoping/core'
import type Database from 'better-sqlite3'
import { prepared } from './prepared'
import { type EntryRow, head, MARK, rankingRow, rankingTag, resultHead } from './ranking-rows'
import type { Tables } from './tables'

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
