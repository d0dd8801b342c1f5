/** @module The SQLite file's schema and its migrations, keyed by `PRAGMA user_version`. */
import { indexKeys } from '@kaoping/core'
import type Database from 'better-sqlite3'
import { StoreOpenError } from '../errors'

/** 'KPNG': marks the file as kaoping's, so a foreign SQLite file is refused instead of being written into. */
export const APPLICATION_ID = 0x4b504e47

/** Index keys of the events (`port.ts` findByKeys, core `indexKeys`): each event once under each of its keys. */
const KEYS_TABLE = `CREATE TABLE event_keys (
     key TEXT NOT NULL,
     position INTEGER NOT NULL,
     PRIMARY KEY (key, position)
   ) WITHOUT ROWID;`

const BACKFILL_PAGE = 1000

/** Indexes the events already stored, page by page (a write cannot run while a read is still stepping). */
const backfillKeys = (db: Database.Database): void => {
  const page = db.prepare<[number, number], { position: number; type: string; data: string }>(
    'SELECT position, type, data FROM events WHERE position > ? ORDER BY position LIMIT ?'
  )
  const insert = db.prepare('INSERT OR IGNORE INTO event_keys (key, position) VALUES (?, ?)')
  for (let after = 0; ; ) {
    const rows = page.all(after, BACKFILL_PAGE)
    for (const row of rows)
      for (const key of indexKeys(row.type, JSON.parse(row.data))) insert.run(key, row.position)
    if (rows.length < BACKFILL_PAGE) return
    after = rows.at(-1)!.position
  }
}

/** Each entry migrates from version i to i + 1; a later release appends, never edits. */
const MIGRATIONS: ReadonlyArray<string | ((db: Database.Database) => void)> = [
  `CREATE TABLE events (
     position INTEGER PRIMARY KEY AUTOINCREMENT,
     event_id TEXT NOT NULL UNIQUE,
     stream TEXT NOT NULL,
     revision INTEGER NOT NULL,
     type TEXT NOT NULL,
     data TEXT NOT NULL,
     recorded_at TEXT NOT NULL,
     actor TEXT NOT NULL,
     schema_version INTEGER NOT NULL,
     UNIQUE (stream, revision)
   );`,
  // The store's identity: a random id written once, with the file, so read models (here or in another file)
  // can tell which store they were projected from. A copy of the file is the same store, on purpose.
  `CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   INSERT INTO store_meta (key, value) VALUES ('store_id', 'sqlite:' || lower(hex(randomblob(16))));`,
  // Business ids (SPEC §3): a file written before them gets its keys from the events it holds, once.
  (db) => {
    db.exec(KEYS_TABLE)
    backfillKeys(db)
  },
]

export const CURRENT_VERSION = MIGRATIONS.length

/** Creates or upgrades the schema; refuses files that belong to something else or to a newer release. */
export const migrate = (db: Database.Database, path: string): void => {
  const appId = db.pragma('application_id', { simple: true }) as number
  const version = db.pragma('user_version', { simple: true }) as number
  const tables = (
    db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }
  ).n
  if (appId !== APPLICATION_ID && (appId !== 0 || tables > 0))
    throw new StoreOpenError(
      `${path} 不是 kaoping 数据库（application_id=${appId}，已有 ${tables} 张表），拒绝写入`
    )
  if (version > CURRENT_VERSION)
    throw new StoreOpenError(
      `${path} 的数据库版本 ${version} 高于本程序支持的 ${CURRENT_VERSION}，请升级 kaoping`
    )
  db.transaction(() => {
    for (let v = version; v < CURRENT_VERSION; v++) {
      const step = MIGRATIONS[v]!
      if (typeof step === 'string') db.exec(step)
      else step(db)
    }
    db.pragma(`application_id = ${APPLICATION_ID}`)
    db.pragma(`user_version = ${CURRENT_VERSION}`)
  }).immediate()
}

/**
 * The identity of the SQLite store whose events live in `db`, or undefined when `db` holds no store's events or
 * predates identities (a file the store has not opened since). Read by the projector, which may share the file.
 */
export const storeIdOfFile = (db: Database.Database): string | undefined => {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_meta'").get()
  if (table === undefined) return undefined
  return (
    db.prepare("SELECT value FROM store_meta WHERE key = 'store_id'").get() as { value: string } | undefined
  )?.value
}
