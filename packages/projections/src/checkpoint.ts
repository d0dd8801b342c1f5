/**
 * @module A generation's checkpoint: the last position projected, by which code, from which store — and
 * whether read models may be read on from with a given store (nothing projected yet, or the same store, not
 * behind them).
 */
import type { EventStore } from '@kaoping/store'
import { storeIdOfFile } from '@kaoping/store'
import type Database from 'better-sqlite3'
import { isStoreFile } from './apply'
import { ReadModelsInStoreFile, StoreMismatch } from './errors'
import { prepared } from './prepared'
import type { Tables } from './tables'

export interface Checkpoint {
  readonly position: number
  readonly code_version: number
  readonly store_id: string | null
}

export const checkpointOf = (db: Database.Database, t: Tables): Checkpoint =>
  prepared(
    db,
    `SELECT position, code_version, store_id FROM ${t.checkpoint} WHERE id = 1`
  ).get() as Checkpoint

/** Why `t` may not be read on from with this store (undefined: it may). */
export const mismatchOf = (
  db: Database.Database,
  t: Tables,
  identity: string,
  head: bigint
): StoreMismatch | undefined => {
  const cp = checkpointOf(db, t)
  const at = BigInt(cp.position)
  if (at === 0n) return undefined
  const file = db.name
  if (head < at) return new StoreMismatch({ _tag: 'StoreBehind', head }, file, cp.store_id, at, identity)
  if (cp.store_id !== identity)
    return new StoreMismatch({ _tag: 'OtherStore' }, file, cp.store_id, at, identity)
  return undefined
}

/**
 * A SQLite store's own file holds that store's read models: another store's must not be written over them
 * (EventStoreDB mode pointed at a SQLite-mode events file). Refused whatever `onMismatch` says.
 */
export const guardFile = async (db: Database.Database, store: EventStore): Promise<void> => {
  if (!isStoreFile(db)) return
  const fileStore = storeIdOfFile(db)
  const current = await store.identity()
  if (fileStore !== current) throw new ReadModelsInStoreFile(db.name, fileStore, current)
}
