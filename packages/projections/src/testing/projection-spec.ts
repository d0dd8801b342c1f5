/**
 * @module given(event file text).projected() — loads the events into an in-memory store through the real import,
 * runs the projector into an in-memory read-model database, and hands back both for assertions on rows.
 */
import { importLog } from '@kaoping/app'
import { createMemoryStore, type EventStore } from '@kaoping/store'
import Database from 'better-sqlite3'
import * as E from 'fp-ts/Either'
import { openProjector, type Projector } from '../projector'

export interface Projected {
  readonly store: EventStore
  readonly db: Database.Database
  readonly projector: Projector
  readonly rows: <T>(sql: string, ...params: unknown[]) => T[]
}

export const given = async (text: string, db = new Database(':memory:')): Promise<Projected> => {
  let t = 0
  const store = createMemoryStore({ clock: () => new Date(Date.UTC(2018, 0, 10) + ++t * 1000).toISOString() })
  const imported = await importLog(store, text)
  if (E.isLeft(imported)) throw new Error(`bad test log: ${JSON.stringify(imported.left).slice(0, 300)}`)
  const projector = openProjector({ store, db, now: () => 1_000_000 })
  await projector.catchUp()
  const rows = <T>(sql: string, ...params: unknown[]) =>
    db.prepare(sql.replaceAll('$', `pj_g${projector.tables().generation}_`)).all(...params) as T[]
  return { store, db, projector, rows }
}
