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
  /** Renews the lease (in the caller's write transaction). */
  readonly renew: () => void
  /**
   * Renews the lease in a transaction of its own when a third of `staleMs` has passed since it was last renewed:
   * a runner with nothing to do keeps its lease (else another runner would take it over as stale and move the
   * checkpoint under it). Throws ProjectionLocked if another runner holds it meanwhile (this one stalled past the
   * stale time): it is theirs, not taken back.
   */
  readonly keep: () => void
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

/** `inTurn`: the runner's turn at the file (the server's write gate) for the lease's own transactions. */
export const acquireLock = (
  db: Database.Database,
  owner: string,
  now: () => number,
  staleMs = 15_000,
  inTurn: <T>(write: () => T) => T = (write) => write()
): Lock => {
  /** When this process last committed the lease (what `keep` measures from). */
  let renewedAt = 0
  const lease = (at: number) =>
    JSON.stringify({ owner, pid: process.pid, host: hostname(), renewedAt: at } satisfies Lease)
  /** Takes or renews the lease, unless another runner holds it and is not gone. */
  const take = () => {
    const at = now()
    inTurn(() =>
      db
        .transaction(() => {
          const raw = getMeta(db, 'lock')
          const held = raw ? (JSON.parse(raw) as Lease) : undefined
          if (held && held.owner !== owner && !gone(held, at, staleMs)) throw new ProjectionLocked(held.owner)
          setMeta(db, 'lock', lease(at))
        })
        .immediate()
    )
    renewedAt = at
  }
  take()
  return {
    renew: () => {
      const at = now()
      setMeta(db, 'lock', lease(at))
      renewedAt = at
    },
    keep: () => {
      if (now() - renewedAt >= staleMs / 3) take()
    },
    release: () => {
      inTurn(() =>
        db
          .transaction(() => {
            const raw = getMeta(db, 'lock')
            if (raw && (JSON.parse(raw) as Lease).owner === owner)
              db.prepare("DELETE FROM pj_meta WHERE key = 'lock'").run()
          })
          .immediate()
      )
    },
  }
}
