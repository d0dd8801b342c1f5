/**
 * @module Evidence in the SQLite file (the embedded default, SPEC §9): two tables of this module's own beside
 * the events, created here with `CREATE TABLE IF NOT EXISTS` on a connection of its own. The file is first
 * brought to the event store's schema (the same `migrate` the event store runs), so whichever opens a new file
 * first, it is a kaoping file. A file's bytes are one row, inserted once per hash (`INSERT … ON CONFLICT DO
 * NOTHING`): a transaction, so a file is there whole or not at all.
 */
import { createHash } from 'node:crypto'
import Database from 'better-sqlite3'
import { StoreOpenError } from '../errors'
import { migrate } from '../sqlite/schema'
import type { EvidenceMeta, EvidenceStore } from './port'

export interface SqliteEvidenceOptions {
  /** The event store's SQLite file (or `:memory:` for tests). */
  readonly path: string
  readonly clock?: () => string
}

const TABLES = `
  CREATE TABLE IF NOT EXISTS evidence_files (
    sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, media_type TEXT NOT NULL, name TEXT NOT NULL,
    stored_at TEXT NOT NULL, bytes BLOB NOT NULL);
  -- Which units' facts reference which file: the reporter read rule (maintained on append, see @kaoping/app).
  CREATE TABLE IF NOT EXISTS evidence_refs (
    sha256 TEXT NOT NULL, unit_id TEXT NOT NULL, PRIMARY KEY (sha256, unit_id)) WITHOUT ROWID;
`

interface MetaRow {
  sha256: string
  size: number
  media_type: string
  name: string
}

const toMeta = (r: MetaRow): EvidenceMeta => ({
  sha256: r.sha256,
  size: r.size,
  mediaType: r.media_type,
  name: r.name,
})

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

export const createSqliteEvidenceStore = (options: SqliteEvidenceOptions): EvidenceStore => {
  let db: Database.Database
  try {
    db = new Database(options.path)
    db.pragma('busy_timeout = 5000')
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    migrate(db, options.path)
    db.exec(TABLES)
  } catch (e) {
    if (e instanceof StoreOpenError) throw e
    throw new StoreOpenError(`无法打开佐证材料库 ${options.path}：${(e as Error).message}`)
  }
  const clock = options.clock ?? (() => new Date().toISOString())
  const q = {
    insert: db.prepare(
      `INSERT INTO evidence_files (sha256, size, media_type, name, stored_at, bytes) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (sha256) DO NOTHING`
    ),
    meta: db.prepare<[string], MetaRow>(
      'SELECT sha256, size, media_type, name FROM evidence_files WHERE sha256 = ?'
    ),
    get: db.prepare<[string], MetaRow & { bytes: Buffer }>(
      'SELECT sha256, size, media_type, name, bytes FROM evidence_files WHERE sha256 = ?'
    ),
    has: db.prepare<[string], { sha256: string }>(
      'SELECT sha256 FROM evidence_files WHERE sha256 IN (SELECT value FROM json_each(?))'
    ),
    list: db.prepare<[], MetaRow>(
      'SELECT sha256, size, media_type, name FROM evidence_files ORDER BY sha256'
    ),
    addRef: db.prepare('INSERT OR IGNORE INTO evidence_refs (sha256, unit_id) VALUES (?, ?)'),
    isRef: db.prepare<[string, string], { n: number }>(
      'SELECT 1 AS n FROM evidence_refs WHERE sha256 = ? AND unit_id = ?'
    ),
  }
  const addRefs = db.transaction((refs: ReadonlyArray<{ sha256: string; unitId: string }>) => {
    for (const r of refs) q.addRef.run(r.sha256, r.unitId)
  })
  return {
    put: async ({ bytes, mediaType, name }) => {
      const sha256 = sha256Of(bytes)
      const created =
        q.insert.run(sha256, bytes.length, mediaType, name, clock(), Buffer.from(bytes)).changes > 0
      return { meta: toMeta(q.meta.get(sha256)!), created }
    },
    get: async (sha256) => {
      const row = q.get.get(sha256)
      return row ? { ...toMeta(row), bytes: new Uint8Array(row.bytes) } : undefined
    },
    has: async (sha256s) => new Set(q.has.all(JSON.stringify(sha256s)).map((r) => r.sha256)),
    list: async () => q.list.all().map(toMeta),
    addReferences: async (refs) => addRefs(refs),
    isReferencedBy: async (sha256, unitId) => q.isRef.get(sha256, unitId) !== undefined,
    close: async () => {
      db.close()
    },
  }
}
