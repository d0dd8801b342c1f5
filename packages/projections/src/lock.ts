/**
 * @module One runner per read-model database: a lease in pj_meta, taken in an IMMEDIATE transaction and
 * renewed as the runner works. A lease may be taken over when its holder is gone: not renewed for `staleMs`,
 * or held by a process on this machine that no longer exists (a killed runner, at once).
 */
import { hostname } from 'node:os'
import type Database from 'better-sqlite3'
import { ProjectionLocked } from './errors'
import { getMeta, setMeta } from './tables'

interface Lease {
  readonly owner: string
  readonly pid: number
  readonly host: string
  readonly renewedAt: number
}

export interface Lock {
  readonly renew: () => void
  readonly release: () => void
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

const gone = (lease: Lease, now: number, staleMs: number): boolean =>
  now - lease.renewedAt >= staleMs ||
  (lease.host === hostname() && lease.pid !== process.pid && !alive(lease.pid))

export const acquireLock = (
  db: Database.Database,
  owner: string,
  now: () => number,
  staleMs = 15_000
): Lock => {
  const lease = () =>
    JSON.stringify({ owner, pid: process.pid, host: hostname(), renewedAt: now() } satisfies Lease)
  db.transaction(() => {
    const raw = getMeta(db, 'lock')
    const held = raw ? (JSON.parse(raw) as Lease) : undefined
    if (held && held.owner !== owner && !gone(held, now(), staleMs)) throw new ProjectionLocked(held.owner)
    setMeta(db, 'lock', lease())
  }).immediate()
  return {
    renew: () => setMeta(db, 'lock', lease()),
    release: () => {
      db.transaction(() => {
        const raw = getMeta(db, 'lock')
        if (raw && (JSON.parse(raw) as Lease).owner === owner)
          db.prepare("DELETE FROM pj_meta WHERE key = 'lock'").run()
      }).immediate()
    },
  }
}
