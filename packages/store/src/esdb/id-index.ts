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
  /** The event's id: a location is trusted only if the event read there is still this one. */
  readonly id: string
  readonly stream: string
  readonly revision: bigint
}

export interface IdIndex {
  /** The `$all` position read up to (0: nothing). */
  readonly indexedTo: () => bigint
  /** The id of the event at `indexedTo` (undefined: nothing read), to find that event there again. */
  readonly lastId: () => string | undefined
  /**
   * A page of `$all` read after position `after`, in log order, with each event's keys: recorded at once — with
   * the identity of the `$all` read, when it is first known (an index begun on an empty log). A page read after
   * a position the index is no longer at (emptied meanwhile, by this process or another sharing the file) would
   * leave a gap: it is dropped.
   */
  readonly add: (
    page: ReadonlyArray<{ readonly event: RecordedEvent; readonly keys: ReadonlyArray<string> }>,
    after: bigint,
    identity?: string
  ) => void
  readonly locate: (id: string) => Location | undefined
  /** The events carrying `key`, in log order (each once). */
  readonly byKey: (key: string) => ReadonlyArray<Location>
  /** The store identity the index was read from; undefined before any. */
  readonly identity: () => string | undefined
  /**
   * Empties the index, to be read from the start of the `$all` named `identity` — if it is still as it was seen
   * (`seen`: its identity and position then; another process sharing the file may have moved it since).
   */
  readonly reset: (
    identity: string,
    seen: { readonly identity: string | undefined; readonly indexedTo: bigint }
  ) => boolean
  readonly close: () => void
}

export const memoryIdIndex = (): IdIndex => {
  const ids = new Map<string, Location>()
  /** Key → the events carrying it, by id (two reads racing over one page index an event once), in log order. */
  const keys = new Map<string, Map<string, Location>>()
  let indexedTo = 0n
  let lastId: string | undefined
  let identity: string | undefined
  return {
    indexedTo: () => indexedTo,
    lastId: () => lastId,
    add: (page, after, named) => {
      if (indexedTo < after) return
      if (named !== undefined) identity = named
      for (const { event: e, keys: eventKeys } of page) {
        const at = { id: e.id, stream: e.stream, revision: e.revision }
        ids.set(e.id, at)
        for (const key of eventKeys) {
          const held = keys.get(key)
          if (held) held.set(e.id, at)
          else keys.set(key, new Map([[e.id, at]]))
        }
        if (e.position > indexedTo) {
          indexedTo = e.position
          lastId = e.id
        }
      }
    },
    locate: (id) => ids.get(id),
    byKey: (key) => [...(keys.get(key)?.values() ?? [])],
    identity: () => identity,
    reset: (named, seen) => {
      if (identity !== seen.identity || indexedTo !== seen.indexedTo) return false
      ids.clear()
      keys.clear()
      indexedTo = 0n
      lastId = undefined
      identity = named
      return true
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
      id INTEGER PRIMARY KEY CHECK (id = 1), store_id TEXT, indexed_to INTEGER NOT NULL, last_id TEXT);
    INSERT OR IGNORE INTO esdb_index (id, store_id, indexed_to) VALUES (1, NULL, 0);
    CREATE TABLE IF NOT EXISTS esdb_ids (
      event_id TEXT PRIMARY KEY, stream TEXT NOT NULL, revision INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS esdb_keys (
      key TEXT NOT NULL, position INTEGER NOT NULL, event_id TEXT NOT NULL, stream TEXT NOT NULL,
      revision INTEGER NOT NULL, PRIMARY KEY (key, position, event_id)) WITHOUT ROWID;
  `)
  // A file indexed before the index named its last event (no last_id: checked as not found, so read again).
  const columns = db.prepare('PRAGMA table_info(esdb_index)').all() as Array<{ name: string }>
  if (!columns.some((c) => c.name === 'last_id')) db.exec('ALTER TABLE esdb_index ADD COLUMN last_id TEXT')
  // Positions and revisions are 64-bit: read back as bigints.
  const q = {
    state: db.prepare('SELECT store_id, indexed_to, last_id FROM esdb_index WHERE id = 1').safeIntegers(),
    id: db.prepare('INSERT OR IGNORE INTO esdb_ids (event_id, stream, revision) VALUES (?, ?, ?)'),
    key: db.prepare(
      'INSERT OR IGNORE INTO esdb_keys (key, position, event_id, stream, revision) VALUES (?, ?, ?, ?, ?)'
    ),
    to: db.prepare('UPDATE esdb_index SET indexed_to = ?, last_id = ? WHERE id = 1 AND indexed_to < ?'),
    name: db.prepare('UPDATE esdb_index SET store_id = ? WHERE id = 1'),
    locate: db
      .prepare('SELECT event_id AS id, stream, revision FROM esdb_ids WHERE event_id = ?')
      .safeIntegers(),
    byKey: db
      .prepare('SELECT event_id AS id, stream, revision FROM esdb_keys WHERE key = ? ORDER BY position')
      .safeIntegers(),
    reset: db.prepare('UPDATE esdb_index SET store_id = ?, indexed_to = 0, last_id = NULL WHERE id = 1'),
  }
  const state = () => q.state.get() as { store_id: string | null; indexed_to: bigint; last_id: string | null }
  const add = db.transaction((page: Parameters<IdIndex['add']>[0], after: bigint, identity?: string) => {
    if (state().indexed_to < after) return
    if (identity !== undefined) q.name.run(identity)
    for (const { event: e, keys } of page) {
      q.id.run(e.id, e.stream, e.revision)
      for (const key of keys) q.key.run(key, e.position, e.id, e.stream, e.revision)
    }
    const last = page.at(-1)
    if (last) q.to.run(last.event.position, last.event.id, last.event.position)
  })
  return {
    indexedTo: () => state().indexed_to,
    lastId: () => state().last_id ?? undefined,
    add: (page, after, identity) => {
      // Nothing to record: no write (a read route syncs too, and must not wait for the file's write lock).
      if (page.length > 0 || identity !== undefined) add.immediate(page, after, identity)
    },
    locate: (id) => q.locate.get(id) as Location | undefined,
    byKey: (key) => q.byKey.all(key) as Location[],
    identity: () => state().store_id ?? undefined,
    reset: (identity, seen) =>
      db
        .transaction(() => {
          const now = state()
          if ((now.store_id ?? undefined) !== seen.identity || now.indexed_to !== seen.indexedTo) return false
          db.exec('DELETE FROM esdb_ids; DELETE FROM esdb_keys')
          q.reset.run(identity)
          return true
        })
        .immediate(),
    close: () => db.close(),
  }
}
