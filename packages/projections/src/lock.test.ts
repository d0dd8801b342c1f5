import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { ProjectionLocked } from './errors'
import { acquireLock } from './lock'
import { createMeta } from './tables'

describe('the runner’s lease', () => {
  // One process here, so only staleness makes a lease gone (a dead pid on this host would too).
  const given = () => {
    const db = new Database(':memory:')
    createMeta(db)
    let clock = 1_000_000
    return { db, now: () => clock, tick: (ms: number) => (clock += ms) }
  }

  it('is renewed by keep() once a third of the stale time has passed, and not before', () => {
    const { db, now, tick } = given()
    const lock = acquireLock(db, 'server', now)
    const renewedAt = () =>
      (
        JSON.parse(String(db.prepare("SELECT value FROM pj_meta WHERE key = 'lock'").pluck().get())) as {
          renewedAt: number
        }
      ).renewedAt
    tick(4_999)
    lock.keep()
    expect(renewedAt()).toBe(1_000_000)
    tick(1)
    lock.keep()
    expect(renewedAt()).toBe(1_005_000)
  })

  it('is not taken back by keep() from a runner that took it over as stale: keep() refuses', () => {
    // given a runner that stalled past the stale time, and another that took the lease over
    const { db, now, tick } = given()
    const stalled = acquireLock(db, 'server', now)
    tick(15_000)
    acquireLock(db, 'cli', now)
    // when the stalled one tries to keep it
    // then it is refused, and the lease stays the other's
    expect(() => stalled.keep()).toThrow(ProjectionLocked)
    expect(String(db.prepare("SELECT value FROM pj_meta WHERE key = 'lock'").pluck().get())).toContain(
      '"owner":"cli"'
    )
  })
})
