/**
 * @module A rebuild's event index in the store's own file, written at its end. Each page the rebuild reads is
 * only checked to be the store's rows (apply.ts `referable`); when the read is over, the index rows after the
 * index's last position up to the checkpoint are copied from the store's table in one statement and the
 * secondary indexes built — on a thread of their own while the runner scores every unit from memory, since both
 * are SQLite's work alone (≈ 2.4 s of a 1M-event rebuild, docs/performance.md).
 *
 * The rows not yet written are always a suffix of the checkpoint's range (a page that cannot refer to the
 * store's rows first has them copied), so a rebuild killed on the way and resumed finds them from the file alone.
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { LogSource } from '@kaoping/core'
import type Database from 'better-sqlite3'
import { referenceRowsSql } from './apply'
import { checkpointOf } from './checkpoint'
import { type RunnerContext, writeInTurn } from './context'
import { prepared } from './prepared'
import { indexStatements, type Tables } from './tables'

/** The positions whose index rows are still to be copied: (the index's last, the checkpoint]. */
const pendingOf = (db: Database.Database, t: Tables): { from: number; to: number } | undefined => {
  const { last } = prepared(db, `SELECT coalesce(max(position), 0) AS last FROM ${t.events}`).get() as {
    last: number
  }
  const to = checkpointOf(db, t).position
  return to > last ? { from: last, to } : undefined
}

/** Copies the rows left so far, in the caller's transaction (before a page writes full rows after them). */
export const copyPending = (db: Database.Database, t: Tables): void => {
  const pending = pendingOf(db, t)
  if (pending) prepared(db, referenceRowsSql(t)).run(pending.from, pending.to)
}

interface Statement {
  readonly sql: string
  readonly params: ReadonlyArray<number>
}

/**
 * The thread: the statements in one IMMEDIATE transaction on a connection of its own. Plain JavaScript (no
 * TypeScript loader in a worker); `kaoping_instant_ms` is apply.ts `defineInstantMs`'s function.
 */
const THREAD = `
const { workerData: w } = require('node:worker_threads')
const Database = require(w.driver)
const db = new Database(w.path, { timeout: w.timeoutMs })
try {
  db.function('kaoping_instant_ms', { deterministic: true }, (s) => Date.parse(String(s)))
  db.transaction(() => {
    for (const s of w.statements) db.prepare(s.sql).run(...s.params)
  }).immediate()
} finally {
  db.close()
}
`

const onThread = (path: string, statements: ReadonlyArray<Statement>): Promise<void> =>
  new Promise((resolve, reject) => {
    const worker = new Worker(THREAD, {
      eval: true,
      workerData: {
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        path,
        statements,
        // The runner's turn keeps appends off; a query thread's month-end write is short.
        timeoutMs: 60_000,
      },
    })
    worker.once('error', reject)
    worker.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`event index thread exited with ${code}`))
    )
  })

/**
 * Copies the rows left and builds the secondary indexes, in one transaction in the runner's turn: on a thread
 * when at least `threadFrom` positions are left and the file is on disk (a thread's start costs more than a small
 * copy), else here before returning. Settles when committed.
 */
export const finishIndex = (ctx: RunnerContext, t: Tables, threadFrom: number): Promise<void> => {
  const { db } = ctx
  const pending = pendingOf(db, t)
  const statements: Statement[] = [
    ...(pending ? [{ sql: referenceRowsSql(t), params: [pending.from, pending.to] }] : []),
    ...indexStatements(t).map((sql) => ({ sql, params: [] })),
  ]
  if (!pending || pending.to - pending.from < threadFrom || db.memory) {
    writeInTurn(ctx, () => {
      for (const s of statements) db.prepare(s.sql).run(...s.params)
    })
    return Promise.resolve()
  }
  return ctx.inTurnAsync(() => onThread(db.name, statements))
}

/** What scoring reads when it should have found everything in memory (event-cache.ts `whole`). */
export class IndexNotWritten extends Error {
  constructor() {
    super('the event index is still being written')
  }
}

const unwritten = (): never => {
  throw new IndexNotWritten()
}

/** The index while `finishIndex` writes it: a reader of it would see it empty, so it is not read. */
export const indexBeingWritten: LogSource = {
  registry: unwritten,
  unitEvents: unwritten,
  allSchemes: unwritten,
  lastRecordedAt: unwritten,
}
