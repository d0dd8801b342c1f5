/**
 * @module The event index as a LogSource: scoring reads one unit's rows (an index range), not the whole log.
 * Unit facts are taken as stored (they passed the codecs on append and decoding changes none of them);
 * scheme events are decoded, since a scheme's metrics decode into another shape.
 */
import { decodeEvent, type LogSource, type Scheme, type StoredEvent } from '@kaoping/core'
import type Database from 'better-sqlite3'
import * as E from 'fp-ts/Either'
import type { Tables } from './tables'

interface Row {
  position: number
  event_id: string
  type: string
  recorded_at: string
  actor: string
  data: string
}

const MAX = Number.MAX_SAFE_INTEGER

export const indexSource = (db: Database.Database, t: Tables): LogSource => {
  const q = {
    registry: db.prepare<[number], Row>(
      `SELECT * FROM ${t.events} WHERE unit_id IS NULL AND recorded_ms <= ? ORDER BY position`
    ),
    unit: db.prepare<[string, number], Row>(
      `SELECT * FROM ${t.events} WHERE unit_id = ? AND recorded_ms <= ? ORDER BY position`
    ),
    schemes: db.prepare<[], Row>(
      `SELECT * FROM ${t.events} WHERE unit_id IS NULL AND type = 'SchemePublished' ORDER BY position`
    ),
    last: db.prepare<[number], { recorded_at: string }>(
      `SELECT recorded_at FROM ${t.events} WHERE recorded_ms <= ? ORDER BY recorded_ms DESC, position DESC LIMIT 1`
    ),
  }
  const stored = (r: Row, data: unknown): StoredEvent =>
    ({
      id: r.event_id,
      type: r.type,
      data,
      recordedAt: r.recorded_at,
      actor: r.actor,
      seq: r.position,
    }) as StoredEvent
  const decoded = (r: Row): StoredEvent => {
    const d = decodeEvent(r.type, JSON.parse(r.data))
    // Rows were validated on append; a failure here means the file was altered behind the store's back.
    if (E.isLeft(d)) throw new Error(`event index row ${r.position} (${r.type}) no longer decodes`)
    return stored(r, d.right.data)
  }
  return {
    registry: (ms) => q.registry.all(ms ?? MAX).map(decoded),
    unitEvents: (unitId, ms) => q.unit.all(unitId, ms ?? MAX).map((r) => stored(r, JSON.parse(r.data))),
    allSchemes: () => q.schemes.all().map((r) => (decoded(r).data as { scheme: Scheme }).scheme),
    lastRecordedAt: (ms) => q.last.get(ms ?? MAX)?.recorded_at ?? null,
  }
}
