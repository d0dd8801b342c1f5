/**
 * @module Where the EventStoreDB adapter finds an event by id and by key, which EventStoreDB cannot: id →
 * (stream, revision), key → locations in log order, and how far `$all` has been read into them — kept from the
 * adapter's reads of `$all`. In memory, a process reads `$all` from the start once; in tables of a SQLite file
 * (the node's read-model file) the index survives restarts, is read on from where it stopped, and is bounded by
 * disk instead of memory (national scale: 30M events a year, docs/scaling.md). It names the `$all` it was read
 * from (the store's identity), so an index of another database is emptied, never used.
 */
import Database from 'better-sqlite3'
import type { RecordedEvent } from '../port'

export interface Location {
  readonly stream: string
  readonly revision: bigint
}

export interface IdIndex {
  /** The `$all` position read up to (0: nothing). */
  readonly indexedTo: () => bigint
  /**
   * A page of `$all` after `indexedTo`, in log order, with each event's keys: recorded at once — with the
   * identity of the `$all` read, when it is first known (an index begun on an empty log).
   */
  readonly add: (
    page: ReadonlyArray<{ readonly event: RecordedEvent; readonly keys: ReadonlyArray<string> }>,
    identity?: string
  ) => void
  readonly locate: (id: string) => Location | undefined
  /** The events carrying `key`, in log order (each once). */
  readonly byKey: (key: string) => ReadonlyArray<Location>
  /** The store identity the index was read from; undefined before any. */
  readonly identity: () => string | undefined
  /** Empties the index, to be read from the start of the `$all` named `identity`. */
  readonly reset: (identity: string) => void
  readonly close: () => void
}

export const memoryIdIndex = (): IdIndex => {
  const ids = new Map<string, Location>()
  /** Key → the events carrying it, by id (two reads racing over one page index an event once), in log order. */
  const keys = new Map<string, Map<string, Location>>()
  let indexedTo = 0n
  let identity: string | undefined
  return {
    indexedTo: () => indexedTo,
    add: (page, named) => {
      if (named !== undefined) identity = named
      for (const { event: e, keys: eventKeys } of page) {
        const at = { stream: e.stream, revision: e.revision }
        ids.set(e.id, at)
        for (const key of eventKeys) {
          const held = keys.get(key)
          if (held) held.set(e.id, at)
          else keys.set(key, new Map([[e.id, at]]))
        }
        if (e.position > indexedTo) indexedTo = e.position
      }
    },
    locate: (id) => ids.get(id),
    byKey: (key) => [...(keys.get(key)?.values() ?? [])],
    identity: () => identity,
    reset: (named) => {
      ids.clear()
      keys.clear()
      indexedTo = 0n
      identity = named
    },
    close: () => {},
  }
}

/** The index in tables of the SQLite file at `path` (created if missing; other tables there are left alone). */
export const sqliteIdIndex = (path: string): IdIndex => {
  const db = new Database(path, { timeout: 5000 })
  db.pragma('journal_mode = WAL')
  db.exec(`
    CREATE TABLE IF NOT EXISTS esdb_index (
      id INTEGER PRIMARY KEY CHECK (id = 1), store_id TEXT, indexed_to INTEGER NOT NULL);
    INSERT OR IGNORE INTO esdb_index (id, store_id, indexed_to) VALUES (1, NULL, 0);
    CREATE TABLE IF NOT EXISTS esdb_ids (
      event_id TEXT PRIMARY KEY, stream TEXT NOT NULL, revision INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS esdb_keys (
      key TEXT NOT NULL, position INTEGER NOT NULL, event_id TEXT NOT NULL, stream TEXT NOT NULL,
      revision INTEGER NOT NULL, PRIMARY KEY (key, position, event_id)) WITHOUT ROWID;
  `)
  // Positions and revisions are 64-bit: read back as bigints.
  const q = {
    state: db.prepare('SELECT store_id, indexed_to FROM esdb_index WHERE id = 1').safeIntegers(),
    id: db.prepare('INSERT OR IGNORE INTO esdb_ids (event_id, stream, revision) VALUES (?, ?, ?)'),
    key: db.prepare(
      'INSERT OR IGNORE INTO esdb_keys (key, position, event_id, stream, revision) VALUES (?, ?, ?, ?, ?)'
    ),
    to: db.prepare('UPDATE esdb_index SET indexed_to = max(indexed_to, ?) WHERE id = 1'),
    name: db.prepare('UPDATE esdb_index SET store_id = ? WHERE id = 1'),
    locate: db.prepare('SELECT stream, revision FROM esdb_ids WHERE event_id = ?').safeIntegers(),
    byKey: db
      .prepare('SELECT stream, revision FROM esdb_keys WHERE key = ? ORDER BY position')
      .safeIntegers(),
  }
  const state = () => q.state.get() as { store_id: string | null; indexed_to: bigint }
  const add = db.transaction((page: Parameters<IdIndex['add']>[0], identity?: string) => {
    if (identity !== undefined) q.name.run(identity)
    for (const { event: e, keys } of page) {
      q.id.run(e.id, e.stream, e.revision)
      for (const key of keys) q.key.run(key, e.position, e.id, e.stream, e.revision)
    }
    const last = page.at(-1)
    if (last) q.to.run(last.event.position)
  })
  return {
    indexedTo: () => state().indexed_to,
    add: (page, identity) => add.immediate(page, identity),
    locate: (id) => q.locate.get(id) as Location | undefined,
    byKey: (key) => q.byKey.all(key) as Location[],
    identity: () => state().store_id ?? undefined,
    reset: (identity) => {
      db.transaction(() => {
        db.exec('DELETE FROM esdb_ids; DELETE FROM esdb_keys')
        db.prepare('UPDATE esdb_index SET store_id = ?, indexed_to = 0 WHERE id = 1').run(identity)
      }).immediate()
    },
    close: () => db.close(),
  }
}
