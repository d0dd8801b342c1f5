/**
 * @module Opens the store a command works on, with the real clock: EventStoreDB when `EVENTSTORE_URL` is set
 * (then `--db` holds only this node's read models), else the embedded SQLite file (`--db`, default ./data/kaoping.db).
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { createEsdbStore, createSqliteStore, type EventStore, StoreOpenError } from '@kaoping/store'
import { UsageError } from './cli-error'

export const DEFAULT_DB = 'data/kaoping.db'

export const openStore = (
  path: string = DEFAULT_DB,
  eventstoreUrl = process.env.EVENTSTORE_URL
): EventStore => {
  mkdirSync(dirname(path), { recursive: true })
  if (eventstoreUrl)
    return createEsdbStore({ connectionString: eventstoreUrl, clock: () => new Date().toISOString() })
  try {
    return createSqliteStore({ path, clock: () => new Date().toISOString() })
  } catch (e) {
    if (e instanceof StoreOpenError) throw new UsageError([e.message])
    throw e
  }
}
