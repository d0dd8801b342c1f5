/** @module Opens the embedded store a command works on (`--db`, default ./data/kaoping.db), with the real clock. */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { createSqliteStore, type EventStore, StoreOpenError } from '@kaoping/store'
import { UsageError } from './cli-error'

export const DEFAULT_DB = 'data/kaoping.db'

export const openStore = (path: string = DEFAULT_DB): EventStore => {
  mkdirSync(dirname(path), { recursive: true })
  try {
    return createSqliteStore({ path, clock: () => new Date().toISOString() })
  } catch (e) {
    if (e instanceof StoreOpenError) throw new UsageError([e.message])
    throw e
  }
}
