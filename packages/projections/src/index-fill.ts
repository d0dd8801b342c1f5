/**
 * @module A rebuild's event index in the store's own file, written at its end. Each page the rebuild reads is
 * only checked to be the store's rows (apply.ts `referable`); when the read is over, the index rows after the
 * index's last position up to the checkpoint are copied from the store's table in one statement and the
 * secondary indexes built — on a thread of their own (sql-thread.ts) while the runner scores every unit from
 * memory, since both are SQLite's work alone (≈ 2.4 s of a 1M-event rebuild, docs/performance.md).
 *
 * The rows not yet written are always a suffix of the checkpoint's range (a page that cannot refer to the
 * store's rows first has them copied), so a rebuild killed on the way and resumed finds them from the file alone.
 */
import type { LogSource } from '@kaoping/core'
import type Database from 'better-sqlite3'
import { referenceRowsSql } from './apply'
import { checkpointOf } from './checkpoint'
import type { RunnerContext } from './context'
import { prepared } from './prepared'
import { onThread, type Statement, ThreadUnavailable } from './sql-thread'
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

/**
 * Copies the rows left and builds the secondary indexes, in one transaction in the runner's turn: on a thread
 * when at least `threadFrom` positions are left and the file is on disk (a thread's start costs more than a small
 * copy), else — or if no thread can be started — here. Settles when committed, saying where it ran.
 */
export const finishIndex = (
  ctx: RunnerContext,
  t: Tables,
  threadFrom: number
): Promise<'thread' | 'here'> => {
  const { db } = ctx
  const pending = pendingOf(db, t)
  const statements: Statement[] = [
    ...(pending ? [{ sql: referenceRowsSql(t), params: [pending.from, pending.to] }] : []),
    ...indexStatements(t).map((sql) => ({ sql, params: [] })),
  ]
  const here = () => {
    db.transaction(() => {
      for (const s of statements) db.prepare(s.sql).run(...s.params)
    }).immediate()
    return 'here' as const
  }
  if (!pending || pending.to - pending.from < threadFrom || db.memory)
    return Promise.resolve(ctx.inTurn(here))
  return ctx.inTurnAsync(() =>
    onThread(db.name, statements).then(
      () => 'thread' as const,
      (e: unknown) => {
        if (e instanceof ThreadUnavailable) return here()
        throw e
      }
    )
  )
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
