/**
 * @module Statements prepared once per connection and SQL text, not once per call: the API asks for the
 * checkpoint, the live generation and the ranking on every request, and preparing costs more than running.
 */
import type Database from 'better-sqlite3'

const byConnection = new WeakMap<Database.Database, Map<string, Database.Statement<unknown[], unknown>>>()

export const prepared = <P extends unknown[] = unknown[], R = unknown>(
  db: Database.Database,
  sql: string
): Database.Statement<P, R> => {
  let statements = byConnection.get(db)
  if (!statements) {
    statements = new Map()
    byConnection.set(db, statements)
  }
  let statement = statements.get(sql)
  if (!statement) {
    statement = db.prepare(sql)
    statements.set(sql, statement)
  }
  return statement as unknown as Database.Statement<P, R>
}
