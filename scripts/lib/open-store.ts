/**
 * @module Opens the store a command works on, with the real clock: EventStoreDB when `EVENTSTORE_URL` is set
 * (then `--db` holds only this node's read models and the adapter's id index, by default
 * ./data/kaoping-esdb.db), else the embedded SQLite file (`--db`, default ./data/kaoping.db), which holds the
 * events and their read models.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { createEsdbStore, createSqliteStore, type EventStore, StoreOpenError } from '@kaoping/store'
import { UsageError } from './cli-error'

/** The embedded store's file: events, read models and checkpoint. */
export const DEFAULT_DB = 'data/kaoping.db'
/**
 * EventStoreDB mode's read models: a file of their own, so they never meet the read models the embedded store
 * keeps beside its events (each checkpoint names its store, and another store's are refused or rebuilt).
 */
export const DEFAULT_ESDB_READ_MODELS = 'data/kaoping-esdb.db'

/** The read-model file when none is named: the events file, or in EventStoreDB mode a file of its own. */
export const defaultDb = (eventstoreUrl: string | undefined): string =>
  eventstoreUrl ? DEFAULT_ESDB_READ_MODELS : DEFAULT_DB

/** A connection string fit to print: user and password (`esdb://user:pass@host`) left out. */
export const withoutCredentials = (url: string): string =>
  url.replace(/^(esdb(?:\+discover)?:\/\/)[^@/?]*@/i, '$1')

export const openStore = (
  path: string | undefined = undefined,
  eventstoreUrl = process.env.EVENTSTORE_URL,
  /** On EventStoreDB: the turn at the read-model file's writers for the id index's writes (the server's gate). */
  indexTurn?: <T>(write: () => T) => Promise<T>
): EventStore => {
  const file = path ?? defaultDb(eventstoreUrl)
  mkdirSync(dirname(file), { recursive: true })
  // On EventStoreDB the read-model file keeps the id and key index too (read on from where it stopped).
  if (eventstoreUrl)
    return createEsdbStore({
      connectionString: eventstoreUrl,
      clock: () => new Date().toISOString(),
      indexFile: file,
      ...(indexTurn ? { indexTurn } : {}),
    })
  try {
    return createSqliteStore({ path: file, clock: () => new Date().toISOString() })
  } catch (e) {
    if (e instanceof StoreOpenError) throw new UsageError([e.message])
    throw e
  }
}
