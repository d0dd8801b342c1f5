/**
 * Read models are bound to the store they were projected from (issue #16): opened with another store, or with a
 * store whose head is behind their checkpoint, they are refused or rebuilt from that store — never read on from,
 * which would mix two stores' events in one ranking. EventStoreDB through the in-process gRPC fake.
 *
 * A one-indicator scheme (学法不少于4次, 10 points, linear): 2 trainings score 5.00, 3 score 7.50, 4 score 10.00.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { appendValidated } from '@kaoping/app'
import { learningScheme, smallCity } from '@kaoping/core/testing/small-city'
import { createEsdbStore, createSqliteStore, type EventStore } from '@kaoping/store'
import { type FakeServer, startFakeServer } from '@kaoping/store/testing/esdb'
import Database from 'better-sqlite3'
import * as E from 'fp-ts/Either'
import { afterEach, describe, expect, it } from 'vitest'
import { ReadModelsInStoreFile, StoreMismatch } from './errors'
import { openProjector, type Projector } from './projector'
import { currentRankingJson } from './queries'

const SCHEME = learningScheme()
/** A city of two districts with this many trainings each. */
const city = (trainings: { lizhou: number; cangxi: number }) => smallCity(trainings, SCHEME)

const fill = async (store: EventStore, events: ReadonlyArray<unknown>) => {
  const r = await appendValidated(store, events, {
    principal: { role: 'admin', name: 'test' },
    newId: () => crypto.randomUUID(),
  })
  if (E.isLeft(r)) throw new Error(`bad fixture: ${JSON.stringify(r.left)}`)
}

/** Each unit's total in the stored ranking. */
const totals = (db: Database.Database, projector: Projector) => {
  const json = currentRankingJson(db, projector.tables(), SCHEME.schemeId)
  if (json === undefined) return undefined
  const result = JSON.parse(json) as { units: Array<{ unitId: string; total: string }> }
  return Object.fromEntries(result.units.map((u) => [u.unitId, u.total]))
}

const checkpoint = (db: Database.Database, projector: Projector) =>
  db.prepare(`SELECT position, store_id FROM ${projector.tables().checkpoint}`).get() as {
    position: number
    store_id: string
  }

const clock = () => new Date().toISOString()
const dir = mkdtempSync(join(tmpdir(), 'kaoping-identity-'))
let files = 0
let closing: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of closing.reverse()) await c()
  closing = []
})
const esdb = async (port = 0): Promise<{ server: FakeServer; store: EventStore }> => {
  const server = await startFakeServer({}, port)
  const store = createEsdbStore({ connectionString: server.connectionString, clock })
  closing.push(
    () => server.stop(),
    () => store.close()
  )
  return { server, store }
}
const database = (path = join(dir, `read-models-${++files}.db`)) => {
  const db = new Database(path)
  closing.push(() => {
    db.close()
  })
  return db
}

describe('read models bound to their store', () => {
  it('refuses to write EventStoreDB read models into a SQLite-mode events file, whose own stay as they were', async () => {
    const path = join(dir, `sqlite-mode-${++files}.db`)
    const sqlite = createSqliteStore({ path, clock })
    closing.push(() => sqlite.close())
    await fill(sqlite, city({ lizhou: 2, cangxi: 4 }))
    const own = database(path)
    const ownProjector = openProjector({ store: sqlite, db: own })
    await ownProjector.catchUp()
    expect(totals(own, ownProjector)).toEqual({ cangxi: '10.00', lizhou: '5.00' })

    const { store } = await esdb()
    await fill(store, city({ lizhou: 3, cangxi: 1 }))
    for (const onMismatch of ['refuse', 'rebuild'] as const) {
      const db = database(path)
      const projector = openProjector({ store, db, onMismatch })
      await expect(projector.catchUp()).rejects.toThrow(ReadModelsInStoreFile)
      await expect(projector.rebuild()).rejects.toThrow(
        /是 SQLite 模式的事件库（事件存储 sqlite:[0-9a-f]{32}）/
      )
      await expect(projector.follow({ pollMs: 20 }).stop()).rejects.toThrow(ReadModelsInStoreFile)
    }
    expect(totals(own, ownProjector)).toEqual({ cangxi: '10.00', lizhou: '5.00' })
    expect(checkpoint(own, ownProjector).store_id).toBe(await sqlite.identity())
  })

  it('refuses read models projected from another EventStoreDB, naming both, and rebuilds them from this one when asked: never mixed', async () => {
    const a = await esdb()
    await fill(a.store, city({ lizhou: 2, cangxi: 4 }))
    const db = database()
    const fromA = openProjector({ store: a.store, db })
    await fromA.catchUp()
    expect(totals(db, fromA)).toEqual({ cangxi: '10.00', lizhou: '5.00' })
    const idA = await a.store.identity()
    expect(checkpoint(db, fromA).store_id).toBe(idA)

    // Another database: its own first event, and positions that run past A's checkpoint.
    const b = await esdb()
    await fill(b.store, city({ lizhou: 3, cangxi: 8 }))
    const idB = await b.store.identity()
    expect(idB).not.toBe(idA)
    expect(await b.store.headPosition()).toBeGreaterThan(BigInt(checkpoint(db, fromA).position))

    const refusing = openProjector({ store: b.store, db })
    const refused = await refusing.catchUp().catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(StoreMismatch)
    expect((refused as StoreMismatch).change._tag).toBe('OtherStore')
    expect((refused as Error).message).toContain(`投影自事件存储 ${idA}，而当前事件存储是 ${idB}`)
    await expect(refusing.follow({ pollMs: 20 }).stop()).rejects.toThrow(StoreMismatch)
    expect(totals(db, refusing)).toEqual({ cangxi: '10.00', lizhou: '5.00' })

    const told: string[] = []
    const rebuilding = openProjector({
      store: b.store,
      db,
      onMismatch: 'rebuild',
      onStoreChange: (m, phase) => told.push(`${phase} ${m.change._tag}`),
    })
    await rebuilding.catchUp()
    expect(told).toEqual(['rebuilding OtherStore', 'rebuilt OtherStore'])
    // B's trainings only: 3 → 7.50, and 8 capped at 10.00.
    expect(totals(db, rebuilding)).toEqual({ cangxi: '10.00', lizhou: '7.50' })
    expect(checkpoint(db, rebuilding)).toEqual({
      position: Number(await b.store.headPosition()),
      store_id: idB,
    })
  })

  it('never reads on from a checkpoint the store has fallen behind: refused, or rebuilt while following', async () => {
    const a = await esdb()
    await fill(a.store, city({ lizhou: 2, cangxi: 4 }))
    const db = database()
    const projector = openProjector({ store: a.store, db, onMismatch: 'rebuild' })
    await projector.catchUp()
    expect(totals(db, projector)).toEqual({ cangxi: '10.00', lizhou: '5.00' })
    const told: string[] = []
    const rebuilt = new Promise<void>((resolve) => {
      const follower = openProjector({
        store: a.store,
        db,
        onMismatch: 'rebuild',
        onStoreChange: (m, phase) => {
          told.push(`${phase} ${m.change._tag}`)
          if (phase === 'rebuilt') resolve()
        },
      })
      const following = follower.follow({ pollMs: 20 })
      closing.push(() => following.stop())
    })

    // The server restarts without its data: same address, an empty log.
    await a.server.stop()
    const restarted = await startFakeServer({}, a.server.port)
    closing.push(() => restarted.stop())
    await rebuilt
    expect(told).toEqual(['rebuilding StoreBehind', 'rebuilt StoreBehind'])
    expect(totals(db, projector)).toBeUndefined()
    expect(checkpoint(db, projector)).toEqual({ position: 0, store_id: 'esdb:empty' })
  })

  it('refuses a store behind the checkpoint by default, saying what happened', async () => {
    const a = await esdb()
    await fill(a.store, city({ lizhou: 2, cangxi: 4 }))
    const db = database()
    await openProjector({ store: a.store, db }).catchUp()
    const position = (db.prepare('SELECT position FROM pj_g1_checkpoint').get() as { position: number })
      .position
    await a.server.stop()
    const restarted = await startFakeServer({}, a.server.port)
    closing.push(() => restarted.stop())
    const store = createEsdbStore({ connectionString: restarted.connectionString, clock })
    closing.push(() => store.close())
    await fill(store, city({ lizhou: 1, cangxi: 0 }))
    const projector = openProjector({ store, db })
    const refused = await projector.catchUp().catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(StoreMismatch)
    expect((refused as Error).message).toMatch(
      new RegExp(
        `最新位置 \\d+ 落后于读模型（.+）的检查点 ${position}.*存储被清空、重启后为空或从较旧的备份恢复`
      )
    )
    expect(totals(db, projector)).toEqual({ cangxi: '10.00', lizhou: '5.00' })
  })
})
