/**
 * @module SQL statements run in one IMMEDIATE transaction on a thread of their own, with a connection of their
 * own to the same file: SQLite's work done beside the runner's (index-fill.ts). The thread is plain JavaScript
 * (a worker gets no TypeScript loader).
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

export interface Statement {
  readonly sql: string
  readonly params: ReadonlyArray<number>
}

/** `kaoping_instant_ms` is apply.ts `defineInstantMs`'s function: the statements may convert instants with it. */
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

/** The thread could not be started (no SQL ran): the caller runs the statements itself. */
export class ThreadUnavailable extends Error {}

/** Settles when the transaction is committed; rejects with its error, or ThreadUnavailable. */
export const onThread = (path: string, statements: ReadonlyArray<Statement>): Promise<void> =>
  new Promise((resolve, reject) => {
    let online = false
    let worker: Worker
    try {
      worker = new Worker(THREAD, {
        eval: true,
        workerData: {
          driver: createRequire(import.meta.url).resolve('better-sqlite3'),
          path,
          statements,
          // The runner's turn keeps appends off; a query thread's month-end write is short.
          timeoutMs: 60_000,
        },
      })
    } catch (e) {
      reject(new ThreadUnavailable(String(e)))
      return
    }
    worker.once('online', () => {
      online = true
    })
    worker.once('error', (e) => reject(online ? e : new ThreadUnavailable(String(e))))
    worker.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`事件索引线程异常退出（退出码 ${code}）`))
    )
  })
