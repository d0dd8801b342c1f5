/**
 * @module Statements prepared once per connection and SQL text, not once per call: the API asks for the
 * checkpoint, the live generation and the ranking on every request, and preparing costs more than running.
 */
import type Database from 'better-sqlite3'

const byConnection = new WeakMap<Database.Database, Map<string, Database.Statement<unknown[], unknown>>>()

const cached = (db: Database.Database, key: string, make: () => Database.Statement<unknown[], unknown>) => {
  let statements = byConnection.get(db)
  if (!statements) {
    statements = new Map()
    byConnection.set(db, statements)
  }
  let statement = statements.get(key)
  if (!statement) {
    statement = make()
    statements.set(key, statement)
  }
  return statement
}

export const prepared = <P extends unknown[] = unknown[], R = unknown>(
  db: Database.Database,
  sql: string
): Database.Statement<P, R> => cached(db, sql, () => db.prepare(sql)) as unknown as Database.Statement<P, R>

/**
 * The same, answering rows as arrays of their columns (`raw`): no object with named keys per row, which a read
 * of hundreds of thousands of rows notices (≈ 8 % of an as-of ranking from the event index, docs/performance.md).
 * Cached apart from `prepared`'s statement for the same text, whose rows stay objects.
 */
export const preparedRaw = <P extends unknown[] = unknown[], R extends unknown[] = unknown[]>(
  db: Database.Database,
  sql: string
): Database.Statement<P, R> =>
  cached(db, `raw:${sql}`, () => db.prepare(sql).raw(true)) as unknown as Database.Statement<P, R>
