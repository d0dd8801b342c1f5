/**
 * @module One runner per read-model database: a lease in pj_meta, taken in an IMMEDIATE transaction and
 * renewed as the runner works. A lease not renewed for `staleMs` (a killed runner) may be taken over.
 */
import type Database from 'better-sqlite3'
import { ProjectionLocked } from './errors'
import { getMeta, setMeta } from './tables'

interface Lease {
  readonly owner: string
  readonly renewedAt: number
}

export interface Lock {
  readonly renew: () => void
  readonly release: () => void
}

export const acquireLock = (
  db: Database.Database,
  owner: string,
  now: () => number,
  staleMs = 15_000
): Lock => {
  db.transaction(() => {
    const raw = getMeta(db, 'lock')
    const held = raw ? (JSON.parse(raw) as Lease) : undefined
    if (held && held.owner !== owner && now() - held.renewedAt < staleMs)
      throw new ProjectionLocked(held.owner)
    setMeta(db, 'lock', JSON.stringify({ owner, renewedAt: now() }))
  }).immediate()
  return {
    renew: () => setMeta(db, 'lock', JSON.stringify({ owner, renewedAt: now() })),
    release: () => {
      db.transaction(() => {
        const raw = getMeta(db, 'lock')
        if (raw && (JSON.parse(raw) as Lease).owner === owner)
          db.prepare("DELETE FROM pj_meta WHERE key = 'lock'").run()
      }).immediate()
    },
  }
}
