/**
 * @module What a read learns from the read models' file holds until the file changes. `PRAGMA data_version`
 * moves when another connection commits (the projection thread's runner, the store's appends, another
 * process) and `total_changes()` when this connection writes; while neither moved, the active tables, the
 * checkpoint's position and a ranking's tag read before are still true. A cached ranking read asks the file
 * one question instead of five (≈ 15 % of its time under load, `pnpm bench:api`).
 */
import type Database from 'better-sqlite3'

/** How many values a view keeps: names come from requests (a scheme's id), so a made-up one must not grow it. */
export const MAX_KEPT = 64

/** A view of the file's state: each value read at most once while the file is unchanged. */
export interface Unchanged {
  /** `read()`'s value, read again only when the file changed since it was read. */
  readonly get: <T>(name: string, read: () => T) => T
}

export const unchanged = (db: Database.Database): (() => Unchanged) => {
  const version = db.prepare('PRAGMA data_version').pluck()
  const changes = db.prepare('SELECT total_changes()').pluck()
  let seenVersion = -1
  let seenChanges = -1
  let values = new Map<string, unknown>()
  const view: Unchanged = {
    get: <T>(name: string, read: () => T): T => {
      if (values.has(name)) return values.get(name) as T
      const value = read()
      if (values.size < MAX_KEPT) values.set(name, value)
      return value
    },
  }
  /** Checks the file once; the view answers from memory until the next check finds it changed. */
  return () => {
    const v = version.get() as number
    const c = changes.get() as number
    if (v !== seenVersion || c !== seenChanges) {
      seenVersion = v
      seenChanges = c
      values = new Map()
    }
    return view
  }
}
