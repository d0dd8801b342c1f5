/**
 * @module The read models' tables. They live in generations (`pj_g{n}_…`): a rebuild fills generation n + 1
 * beside the live one and switches to it in one transaction, so readers never see a half-built model.
 */
import type Database from 'better-sqlite3'
import { prepared } from './prepared'

/**
 * Bump when a read model's shape or meaning changes: the next start rebuilds beside the old generation.
 * 4: the checkpoint names the store it was projected from (`store_id`); read models from before do not know
 * theirs, so they are rebuilt from the store they are opened with.
 * 5: month-end rankings (`snapshots`).
 * 6: no case table (nothing read it; scoring folds cases from a unit's facts in core, and the runner keeps that
 * fold's outcomes — its random-access updates were most of a rebuild's writes).
 * 7: each entry's id list lengths and a digest of it (`unit_results.counts`, `digest`), so the summary is made
 * without reading the lists, and from the changed entries only.
 * 8: a month-end ranking kept as pieces (its head, each unit's entry), never as one text of the whole Result.
 * 9: an appeal's decision answers only the filing standing when it was recorded (core evaluate-unit.ts
 * `decisionsOf`): rankings and month ends kept under the old pairing are scored again.
 * 10: a higher instance's 维持/驳回 keeps the case's outcome below (core cases/fold.ts): a loss upheld on appeal
 * is a loss, where it was read as no loss.
 * 11: a case's dates are the ones its facts count on (a January closing counted for December is closed by the end
 * of the year), and a quarter is filled by when the work happened (core metrics/evaluate.ts `quarterDate`).
 * 12: versions 10 and 11 read only under a scheme's `semantics` 2 (core scheme.ts); schemes that state none are
 * read as before 10, so results published under them keep verifying.
 */
export const PROJECTION_CODE_VERSION = 12

export interface Tables {
  readonly generation: number
  readonly checkpoint: string
  readonly events: string
  readonly units: string
  readonly rankings: string
  readonly unitResults: string
  readonly unitEvents: string
  readonly snapshots: string
}

export const tablesOf = (generation: number): Tables => {
  const p = `pj_g${generation}_`
  return {
    generation,
    checkpoint: `${p}checkpoint`,
    events: `${p}events`,
    units: `${p}units`,
    rankings: `${p}rankings`,
    unitResults: `${p}unit_results`,
    unitEvents: `${p}unit_events`,
    snapshots: `${p}snapshots`,
  }
}

export const createMeta = (db: Database.Database): void => {
  db.exec('CREATE TABLE IF NOT EXISTS pj_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)')
}

/** The event index's secondary indexes: built once at the end of a rebuild rather than row by row. */
export const indexStatements = (t: Tables): ReadonlyArray<string> => [
  `CREATE INDEX IF NOT EXISTS ${t.events}_unit ON ${t.events} (unit_id, position)`,
  `CREATE INDEX IF NOT EXISTS ${t.events}_recorded ON ${t.events} (recorded_ms)`,
]

export const createIndexes = (db: Database.Database, t: Tables): void => {
  for (const sql of indexStatements(t)) db.exec(sql)
}

export const createTables = (
  db: Database.Database,
  t: Tables,
  options: { readonly indexes: boolean } = { indexes: true }
): void => {
  db.exec(`
    -- The checkpoint: the last position handled, of which store (its identity, see the store port), by which code.
    CREATE TABLE IF NOT EXISTS ${t.checkpoint} (
      id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL, code_version INTEGER NOT NULL, store_id TEXT);
    INSERT OR IGNORE INTO ${t.checkpoint} (id, position, code_version) VALUES (1, 0, ${PROJECTION_CODE_VERSION});
    -- Event index: every event by unit and recording time, for explanations and as-of queries. In the store's
    -- own file a row refers to the store's row at its position (event_id, recorded_at, actor, data NULL).
    CREATE TABLE IF NOT EXISTS ${t.events} (
      position INTEGER PRIMARY KEY, event_id TEXT, type TEXT NOT NULL, unit_id TEXT,
      occurred_on TEXT, recorded_at TEXT, recorded_ms INTEGER NOT NULL, actor TEXT, data TEXT);
    -- Unit registry.
    CREATE TABLE IF NOT EXISTS ${t.units} (unit_id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL);
    -- Ranking per scheme: the Result's head, and each unit's entry as its own row in ranking order, so a new
    -- event rewrites only the entries it changed; together they print exactly what replay prints. An entry's
    -- unitId, name and rank are columns and its text starts after them, so a unit that only moved is two integers;
    -- its events lists are rows of unit_events (slot i replaces the i-th mark in the text; lists NULL: none) and
    -- their lengths are in counts (what the summary shows, so it is made without reading the lists); digest names
    -- the entry's text and counts, so the summary reads again only the entries that changed.
    CREATE TABLE IF NOT EXISTS ${t.rankings} (scheme_id TEXT PRIMARY KEY, version INTEGER NOT NULL, as_of TEXT NOT NULL, basis TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS ${t.unitResults} (
      scheme_id TEXT NOT NULL, unit_id TEXT NOT NULL, ord INTEGER NOT NULL, rank INTEGER NOT NULL, name TEXT NOT NULL,
      lists INTEGER, counts TEXT, digest TEXT NOT NULL, entry TEXT NOT NULL, PRIMARY KEY (scheme_id, unit_id));
    CREATE TABLE IF NOT EXISTS ${t.unitEvents} (
      scheme_id TEXT NOT NULL, unit_id TEXT NOT NULL, slot INTEGER NOT NULL, events TEXT NOT NULL,
      PRIMARY KEY (scheme_id, unit_id, slot));
    -- Month-end rankings (recorded basis, the version then in force): the Result's JSON as scoring gave it at the
    -- end of the month's last Beijing day, in pieces — piece 0 the Result up to its units, piece i the i-th unit's
    -- entry — so neither writing nor reading one makes the whole text (≈ 60 MB at 1M events) at once; joined
    -- with commas and closed, they are that JSON. Deleted when an event recorded by that instant arrives later.
    CREATE TABLE IF NOT EXISTS ${t.snapshots} (
      scheme_id TEXT NOT NULL, as_of_ms INTEGER NOT NULL, piece INTEGER NOT NULL, json TEXT NOT NULL,
      PRIMARY KEY (scheme_id, as_of_ms, piece));
    -- Each page the runner applies deletes the month ends its events make untrue (by instant, any scheme).
    CREATE INDEX IF NOT EXISTS ${t.snapshots}_as_of ON ${t.snapshots} (as_of_ms);
  `)
  if (options.indexes) createIndexes(db, t)
  // A checkpoint from before version 4 lacks the column: added (NULL: store unknown) so it can be read and
  // compared; its code version makes the next catch-up rebuild it anyway.
  const columns = db.prepare(`PRAGMA table_info(${t.checkpoint})`).all() as Array<{ name: string }>
  if (!columns.some((c) => c.name === 'store_id'))
    db.exec(`ALTER TABLE ${t.checkpoint} ADD COLUMN store_id TEXT`)
}

export const dropTables = (db: Database.Database, t: Tables): void => {
  for (const name of [
    t.checkpoint,
    t.events,
    t.units,
    // Generations of code version 5 and before had a case table.
    `pj_g${t.generation}_cases`,
    t.rankings,
    t.unitResults,
    t.unitEvents,
    t.snapshots,
  ])
    db.exec(`DROP TABLE IF EXISTS ${name}`)
}

export const getMeta = (db: Database.Database, key: string): string | undefined =>
  (prepared(db, 'SELECT value FROM pj_meta WHERE key = ?').get(key) as { value: string } | undefined)?.value

export const setMeta = (db: Database.Database, key: string, value: string): void => {
  db.prepare(
    'INSERT INTO pj_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'
  ).run(key, value)
}

/** The live generation's tables as this connection sees them (for a reader with its own connection). */
export const liveTables = (db: Database.Database): Tables =>
  tablesOf(Number(getMeta(db, 'active_generation') ?? 1))
