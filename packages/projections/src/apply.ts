/**
 * @module How each event changes the read models (event index, unit registry). Pure SQL writes
 * inside the caller's transaction; returns the units whose scores the event may change. When the read models
 * live in the store's own file, a page's event index rows refer to the store's rows instead of copying them:
 * they hold what the index is searched by (position, type, unit, dates) and leave event id, actor and JSON
 * text to the store's row at the same position (see index-source.ts). They are written inside SQLite, after
 * checking that the store's rows in that range are exactly the page.
 */
import type { DomainEvent } from '@kaoping/core'
import type { RecordedEvent } from '@kaoping/store'
import type Database from 'better-sqlite3'
import type { Tables } from './tables'

export interface Writers {
  /** `indexed`: the event's index row is written by `indexByReference` instead (or, in a rebuild, at its end). */
  readonly apply: (e: RecordedEvent, decoded: DomainEvent, indexed?: boolean) => string | undefined
  /**
   * Whether this database holds the store's events table and its rows after `from` up to the page's last are
   * exactly `page` (positions after `from`): then the page's index rows may refer to them.
   */
  readonly referable: (page: ReadonlyArray<RecordedEvent>, from: bigint) => boolean
  /**
   * Writes the index rows of `page` (positions after `from`) as references to the store's own rows, when
   * `referable`; false otherwise (nothing written: the caller writes full rows one by one).
   */
  readonly indexByReference: (page: ReadonlyArray<RecordedEvent>, from: bigint) => boolean
}

/**
 * The statement that writes the index rows of positions in (?, ?] as references to the store's rows in the same
 * file. An instant not in the store clock's `….mmmZ` form is converted by `kaoping_instant_ms` (Date.parse),
 * which the connection must define ({@link defineInstantMs}).
 */
export const referenceRowsSql = (t: Tables): string =>
  `INSERT INTO ${t.events} (position, type, unit_id, occurred_on, recorded_ms)
   SELECT position, type,
     CASE WHEN type IN ('UnitRegistered', 'SchemePublished') THEN NULL ELSE data ->> '$.unitId' END,
     CASE WHEN json_type(data, '$.occurredOn') = 'text' THEN data ->> '$.occurredOn' END,
     CASE WHEN recorded_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
       THEN CAST(round(unixepoch(recorded_at, 'subsec') * 1000) AS INTEGER)
       ELSE kaoping_instant_ms(recorded_at) END
   FROM events WHERE position > ? AND position <= ? ORDER BY position`

/** The same instant → ms as a row written one by one (Date.parse), for what SQLite does not convert itself. */
export const defineInstantMs = (db: Database.Database): void => {
  db.function('kaoping_instant_ms', { deterministic: true }, (s) => Date.parse(String(s)))
}

export const isStoreFile = (db: Database.Database): boolean => {
  const table = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'events'").get() as
    | { sql: string }
    | undefined
  // The store's schema (packages/store/src/sqlite/schema.ts), recognised by its columns.
  return (
    table !== undefined &&
    ['position', 'event_id', 'stream', 'revision', 'type', 'data', 'recorded_at', 'actor'].every((c) =>
      table.sql.includes(c)
    )
  )
}

export const writers = (db: Database.Database, t: Tables): Writers => {
  const shared = isStoreFile(db)
  // The store clock's `….mmmZ` is converted by SQLite itself (the same ms for exactly that form, tested), any
  // other form through Date.parse (a JS call per row cost ≈ 1 s of a rebuild at 1M events).
  if (shared) defineInstantMs(db)
  const copy = shared
    ? {
        check: db.prepare<
          [bigint, bigint, bigint, bigint],
          { n: number; first: string | null; last: string | null }
        >(
          `SELECT count(*) AS n, (SELECT event_id FROM events WHERE position = ?) AS first,
             (SELECT event_id FROM events WHERE position = ?) AS last
           FROM events WHERE position > ? AND position <= ?`
        ),
        rows: db.prepare(referenceRowsSql(t)),
      }
    : undefined
  const q = {
    index: db.prepare(
      `INSERT INTO ${t.events} (position, event_id, type, unit_id, occurred_on, recorded_at, recorded_ms, actor, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
    ),
    unit: db.prepare(
      `INSERT INTO ${t.units} (unit_id, name, kind) VALUES (?, ?, ?) ON CONFLICT (unit_id) DO UPDATE SET name = excluded.name, kind = excluded.kind`
    ),
  }
  const referable = (page: ReadonlyArray<RecordedEvent>, from: bigint): boolean => {
    const fresh = page.filter((e) => e.position > from)
    if (!copy || fresh.length === 0) return false
    const first = fresh[0]!
    const last = fresh[fresh.length - 1]!
    const found = copy.check.get(first.position, last.position, from, last.position)!
    return found.n === fresh.length && found.first === first.id && found.last === last.id
  }
  return {
    referable,
    indexByReference: (page, from) => {
      if (!referable(page, from)) return false
      copy!.rows.run(from, page[page.length - 1]!.position)
      return true
    },
    apply: (e, decoded, indexed = false) => {
      const data = decoded.data as Record<string, unknown>
      const unitId =
        decoded.type === 'UnitRegistered' || decoded.type === 'SchemePublished'
          ? null
          : (data.unitId as string)
      const occurredOn = typeof data.occurredOn === 'string' ? data.occurredOn : null
      if (!indexed)
        q.index.run(
          e.position,
          e.id,
          e.type,
          unitId,
          occurredOn,
          e.recordedAt,
          Date.parse(e.recordedAt),
          e.actor,
          JSON.stringify(e.data)
        )
      if (decoded.type === 'UnitRegistered') {
        q.unit.run(decoded.data.unitId, decoded.data.name, decoded.data.kind)
        return decoded.data.unitId
      }
      return unitId ?? undefined
    },
  }
}
