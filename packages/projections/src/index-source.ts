/**
 * @module The event index as a LogSource: scoring reads one unit's rows (an index range), not the whole log.
 * Unit facts are taken as stored (they passed the codecs on append and decoding changes none of them);
 * scheme events are decoded, since a scheme's metrics decode into another shape. In the store's own file a
 * row may refer to the store's row at its position instead of holding the event (see apply.ts).
 */
import { decodeEvent, type LogSource, type Scheme, type StoredEvent } from '@kaoping/core'
import type Database from 'better-sqlite3'
import * as E from 'fp-ts/Either'
import { isStoreFile } from './apply'
import { type Interned, withCodesInterned } from './interned'
import { prepared, preparedRaw } from './prepared'
import type { Tables } from './tables'

interface Row {
  position: number
  event_id: string
  type: string
  recorded_at: string
  actor: string
  data: string
}

/** A unit's rows as arrays, in `columns`' order: an as-of ranking reads hundreds of thousands of them. */
type UnitRow = [
  position: number,
  eventId: string,
  type: string,
  recordedAt: string,
  actor: string,
  data: string,
]

const MAX = Number.MAX_SAFE_INTEGER

export const indexSource = (
  db: Database.Database,
  t: Tables,
  /**
   * Given by the runner, whose event cache keeps the lists read here: its table (interned.ts), so a name or code
   * read either way is held once. A one-off read (an as-of query) keeps nothing, so it copies nothing either.
   */
  strings?: Interned
): LogSource => {
  // Rows written by reference take what they leave out from the store's row at the same position.
  const [columns, from] = isStoreFile(db)
    ? [
        `i.position, coalesce(i.event_id, e.event_id) AS event_id, i.type,
         coalesce(i.recorded_at, e.recorded_at) AS recorded_at, coalesce(i.actor, e.actor) AS actor,
         coalesce(i.data, e.data) AS data`,
        `${t.events} i LEFT JOIN events e ON i.data IS NULL AND e.position = i.position`,
      ]
    : ['i.position, i.event_id, i.type, i.recorded_at, i.actor, i.data', `${t.events} i`]
  const q = {
    registry: prepared<[number], Row>(
      db,
      `SELECT ${columns} FROM ${from} WHERE i.unit_id IS NULL AND i.recorded_ms <= ? ORDER BY i.position`
    ),
    unit: preparedRaw<[string, number], UnitRow>(
      db,
      `SELECT ${columns} FROM ${from} WHERE i.unit_id = ? AND i.recorded_ms <= ? ORDER BY i.position`
    ),
    schemes: prepared<[], Row>(
      db,
      `SELECT ${columns} FROM ${from} WHERE i.unit_id IS NULL AND i.type = 'SchemePublished' ORDER BY i.position`
    ),
    last: prepared<[number], { recorded_at: string }>(
      db,
      `SELECT ${columns} FROM ${from} WHERE i.recorded_ms <= ? ORDER BY i.recorded_ms DESC, i.position DESC LIMIT 1`
    ),
  }
  const stored = (r: Row, data: unknown): StoredEvent =>
    ({
      id: r.event_id,
      type: r.type,
      data,
      recordedAt: r.recorded_at,
      actor: strings ? strings.of(r.actor) : r.actor,
      seq: r.position,
    }) as StoredEvent
  const unitEvent = ([position, id, type, recordedAt, actor, text]: UnitRow): StoredEvent => {
    const data: unknown = JSON.parse(text)
    return {
      id,
      type,
      data: strings ? withCodesInterned(type, data, strings) : data,
      recordedAt,
      actor: strings ? strings.of(actor) : actor,
      seq: position,
    } as StoredEvent
  }
  const decoded = (r: Row): StoredEvent => {
    const d = decodeEvent(r.type, JSON.parse(r.data))
    // Rows were validated on append; a failure here means the file was altered behind the store's back.
    if (E.isLeft(d)) throw new Error(`event index row ${r.position} (${r.type}) no longer decodes`)
    return stored(r, d.right.data)
  }
  return {
    registry: (ms) => q.registry.all(ms ?? MAX).map(decoded),
    unitEvents: (unitId, ms) => q.unit.all(unitId, ms ?? MAX).map(unitEvent),
    allSchemes: () => q.schemes.all().map((r) => (decoded(r).data as { scheme: Scheme }).scheme),
    lastRecordedAt: (ms) => q.last.get(ms ?? MAX)?.recorded_at ?? null,
  }
}
