/**
 * @module The embedded default store: one SQLite file, WAL, synchronous=FULL, one transaction per batch,
 * UNIQUE(stream, revision) and UNIQUE(event_id), AUTOINCREMENT positions that are never reused; each event's
 * index keys (business ids, corrections' targets) written in the same transaction.
 */
import { indexKeys } from '@kaoping/core'
import Database from 'better-sqlite3'
import * as E from 'fp-ts/Either'
import type { AppendError } from '../errors'
import { StoreOpenError } from '../errors'
import { planAppend } from '../plan-append'
import type { AppendResult, EventStore, ReadAllOptions, RecordedEvent } from '../port'
import { catchUpSubscription, wakeup } from '../subscribe'
import { migrate, storeIdOfFile } from './schema'

export interface SqliteStoreOptions {
  readonly path: string
  readonly clock: () => string
  /** `NORMAL` may lose the last transactions on power loss; the audit store defaults to `FULL`. */
  readonly synchronous?: 'FULL' | 'NORMAL'
  readonly readonly?: boolean
  /** A size quota in pages (4 KiB each); past it appends fail with StorageFull, as on a full disk. */
  readonly maxPageCount?: number
}

interface Row {
  position: number | bigint
  event_id: string
  stream: string
  revision: number | bigint
  type: string
  data: string
  recorded_at: string
  actor: string
  schema_version: number
}

const toEvent = (r: Row): RecordedEvent => ({
  id: r.event_id,
  stream: r.stream,
  revision: BigInt(r.revision),
  position: BigInt(r.position),
  type: r.type,
  data: JSON.parse(r.data),
  recordedAt: r.recorded_at,
  actor: r.actor,
  schemaVersion: r.schema_version,
})

/** SQLite's own failure codes that are expected outcomes, not crashes. */
const storageError = (e: unknown): AppendError | undefined => {
  const code = (e as { code?: string }).code ?? ''
  if (code === 'SQLITE_FULL') return { _tag: 'StorageFull' }
  if (code.startsWith('SQLITE_READONLY')) return { _tag: 'StorageReadOnly' }
  if (code.startsWith('SQLITE_BUSY')) return { _tag: 'StorageBusy' }
  return undefined
}

const open = (options: SqliteStoreOptions): Database.Database => {
  try {
    const db = new Database(options.path, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
    })
    db.pragma('busy_timeout = 5000')
    if (!options.readonly) {
      db.pragma('journal_mode = WAL')
      db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`)
      migrate(db, options.path)
      if (options.maxPageCount !== undefined) db.pragma(`max_page_count = ${options.maxPageCount}`)
    }
    return db
  } catch (e) {
    if (e instanceof StoreOpenError) throw e
    const code = (e as { code?: string }).code
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
      throw new StoreOpenError(`${options.path} 不是有效的 SQLite 数据库或已损坏（${code}）`)
    throw new StoreOpenError(`无法打开数据库 ${options.path}：${(e as Error).message}`)
  }
}

export const createSqliteStore = (options: SqliteStoreOptions): EventStore => {
  const db = open(options)
  const q = {
    byIds: db.prepare<[string], Row>(
      'SELECT * FROM events WHERE event_id IN (SELECT value FROM json_each(?))'
    ),
    // The UNIQUE (stream, revision) index answers this without a table of its own.
    revision: db.prepare<[string], { revision: number | null }>(
      'SELECT max(revision) AS revision FROM events WHERE stream = ?'
    ),
    insert: db.prepare(
      `INSERT INTO events (event_id, stream, revision, type, data, recorded_at, actor, schema_version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
    ),
    forwards: db.prepare<[string, number, number], Row>(
      'SELECT * FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?'
    ),
    backwards: db.prepare<[string, number, number], Row>(
      'SELECT * FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?'
    ),
    head: db.prepare<[], { position: number | null }>('SELECT max(position) AS position FROM events'),
    all: db.prepare<[number, number], Row>(
      'SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?'
    ),
  }
  // A read-only open of a file from before business ids (user_version 2) has no key table: it is never appended
  // to, and answers findByKeys by reading its events.
  const keyed =
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'event_keys'").get() !== undefined
  const k = keyed
    ? {
        insert: db.prepare('INSERT OR IGNORE INTO event_keys (key, position) VALUES (?, ?)'),
        find: db.prepare<[string], Row & { key: string }>(
          `SELECT k.key AS key, e.* FROM event_keys k JOIN events e ON e.position = k.position
           WHERE k.key IN (SELECT value FROM json_each(?)) ORDER BY e.position`
        ),
      }
    : undefined
  const signal = wakeup()
  // A read-only open of a file from before identities (user_version 1) has none: it is named by its path.
  const identity = storeIdOfFile(db) ?? `sqlite:unidentified:${options.path}`
  // Stream revisions this connection knows. `data_version` changes when another connection commits, and
  // then the cache is dropped; inside the IMMEDIATE transaction nobody else can write, so a hit is exact.
  const revisions = new Map<string, bigint | null>()
  let seenVersion = -1

  const appendTx = db.transaction(
    (
      request: Parameters<EventStore['append']>[0],
      lookUpIds: boolean
    ): E.Either<AppendError, AppendResult> => {
      const version = db.pragma('data_version', { simple: true }) as number
      if (version !== seenVersion) {
        revisions.clear()
        seenVersion = version
      }
      const plan = planAppend(
        request,
        {
          findByIds: (ids) =>
            lookUpIds
              ? new Map(q.byIds.all(JSON.stringify(ids)).map((row) => [row.event_id, toEvent(row)] as const))
              : new Map(),
          revisionOf: (stream) => {
            const cached = revisions.get(stream)
            if (cached !== undefined) return cached
            const row = q.revision.get(stream)
            return row?.revision == null ? null : BigInt(row.revision)
          },
        },
        options.clock()
      )
      if (E.isLeft(plan)) return plan
      if (plan.right.duplicate) return E.right({ duplicate: true, events: plan.right.events })
      const stored = plan.right.rows.map((row): RecordedEvent => {
        const { id, stream, revision, type, data, recordedAt, actor, schemaVersion } = row
        const info = q.insert.run(
          id,
          stream,
          revision,
          type,
          JSON.stringify(data),
          recordedAt,
          actor,
          schemaVersion
        )
        revisions.set(stream, revision)
        for (const key of indexKeys(type, data)) k!.insert.run(key, info.lastInsertRowid)
        return { ...row, position: BigInt(info.lastInsertRowid) }
      })
      return E.right({ duplicate: false, events: stored })
    }
  )

  /**
   * The common append skips the id lookup: a repeat is rare (a client's retry). When UNIQUE(event_id) fires, or
   * a revision check fails (a retried batch no longer matches its expectation), or its `recordBy` has passed (a
   * retry the next day), the append is planned again with the lookup, so a repeat is still acknowledged with its
   * original events and a reused id still conflicts.
   */
  const appendOnce = (
    request: Parameters<EventStore['append']>[0],
    tx: 'immediate' | 'nested'
  ): E.Either<AppendError, AppendResult> => {
    // Nested: inside a group's transaction, where better-sqlite3 makes each call a SAVEPOINT of its own.
    const run = (lookUpIds: boolean) =>
      tx === 'immediate' ? appendTx.immediate(request, lookUpIds) : appendTx(request, lookUpIds)
    try {
      const fast = run(false)
      if (
        E.isRight(fast) ||
        (fast.left._tag !== 'WrongExpectedVersion' && fast.left._tag !== 'RecordByPassed')
      )
        return fast
    } catch (e) {
      const { code, message } = e as { code?: string; message?: string }
      if (code !== 'SQLITE_CONSTRAINT_UNIQUE' || !message?.includes('events.event_id')) throw e
      revisions.clear()
    }
    return run(true)
  }

  /**
   * Group commit: appends that arrive while one is being written (concurrent HTTP requests) are written
   * together in one transaction, each batch in its own savepoint — so each is still all-or-nothing and a
   * rejected batch does not disturb the others — and share one fsync. Each caller is answered only after
   * the commit, so nothing is acknowledged that is not durable.
   */
  const groupTx = db.transaction((requests: ReadonlyArray<Parameters<EventStore['append']>[0]>) =>
    requests.map((r) => appendOnce(r, 'nested'))
  )
  type Pending = {
    readonly request: Parameters<EventStore['append']>[0]
    readonly settle: (r: E.Either<AppendError, AppendResult>) => void
    readonly fail: (e: unknown) => void
  }
  let queue: Pending[] = []
  const flush = () => {
    const group = queue
    queue = []
    let results: ReadonlyArray<E.Either<AppendError, AppendResult>>
    try {
      // IMMEDIATE takes the write lock before reading, so the revision checked is the revision written after.
      results =
        group.length === 1
          ? [appendOnce(group[0]!.request, 'immediate')]
          : groupTx.immediate(group.map((p) => p.request))
    } catch (e) {
      // The transaction rolled back: what it cached never happened.
      revisions.clear()
      const known = storageError(e)
      for (const p of group) {
        if (known) p.settle(E.left(known))
        else p.fail(e)
      }
      return
    }
    if (results.some((r) => E.isRight(r) && !r.right.duplicate)) signal.notify()
    for (const [i, p] of group.entries()) p.settle(results[i]!)
  }

  const readAll = async (o: ReadAllOptions = {}) =>
    q.all.all(Number(o.after ?? 0n), o.maxCount ?? -1).map(toEvent)

  return {
    append: (request) =>
      new Promise((settle, fail) => {
        // The first append of a tick schedules the write; those queued before it runs join it.
        if (queue.push({ request, settle, fail }) === 1) setImmediate(flush)
      }),
    readStream: async (stream, o = {}) => {
      const max = o.maxCount ?? -1
      return o.direction === 'backwards'
        ? q.backwards.all(stream, Number(o.fromRevision ?? BigInt(Number.MAX_SAFE_INTEGER)), max).map(toEvent)
        : q.forwards.all(stream, Number(o.fromRevision ?? 0n), max).map(toEvent)
    },
    readAll,
    headPosition: async () => BigInt(q.head.get()?.position ?? 0),
    identity: async () => identity,
    findEvents: async (ids) => {
      // In the order asked for, as the port promises, from one query.
      const rows = new Map(q.byIds.all(JSON.stringify(ids)).map((row) => [row.event_id, row] as const))
      return new Map(ids.flatMap((id) => (rows.has(id) ? [[id, toEvent(rows.get(id)!)] as const] : [])))
    },
    findByKeys: async (keys) => {
      const found = new Map<string, RecordedEvent[]>()
      const add = (key: string, e: RecordedEvent) => {
        const list = found.get(key)
        if (list) list.push(e)
        else found.set(key, [e])
      }
      if (k) for (const row of k.find.all(JSON.stringify(keys))) add(row.key, toEvent(row))
      else {
        const wanted = new Set(keys)
        for (const row of q.all.iterate(0, -1)) {
          const e = toEvent(row)
          for (const key of indexKeys(e.type, e.data)) if (wanted.has(key)) add(key, e)
        }
      }
      // In the order asked for, as findEvents answers.
      return new Map(keys.flatMap((key) => (found.has(key) ? [[key, found.get(key)!] as const] : [])))
    },
    subscribe: (o, handler) => catchUpSubscription(readAll, signal, o.after, handler),
    close: async () => {
      // Appends already queued are written (and answered) before the file closes.
      if (queue.length > 0) flush()
      db.close()
    },
  }
}
