/** @module Opens the store and its read models in the same SQLite file, and brings the read models up to date. */
import { openProjector, type Projector } from '@kaoping/projections'
import type { EventStore } from '@kaoping/store'
import Database from 'better-sqlite3'
import { DEFAULT_DB, openStore } from './open-store'

export interface Opened {
  readonly store: EventStore
  readonly db: Database.Database
  readonly projector: Projector
  readonly close: () => Promise<void>
}

export const openProjections = (
  path: string = DEFAULT_DB,
  onProgress?: Parameters<typeof openProjector>[0]['onProgress'],
  options: { readonly cachedEvents?: number; readonly eventstoreUrl?: string } = {}
): Opened => {
  const { eventstoreUrl, ...projectorOptions } = options
  const store = openStore(path, eventstoreUrl ?? process.env.EVENTSTORE_URL)
  // A second connection to the same file: the read models commit with their checkpoint, apart from appends.
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('busy_timeout = 5000')
  const projector = openProjector({ store, db, ...(onProgress ? { onProgress } : {}), ...projectorOptions })
  return {
    store,
    db,
    projector,
    close: async () => {
      db.close()
      await store.close()
    },
  }
}
