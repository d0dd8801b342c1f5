/**
 * Projections on the EventStoreDB backend (through the in-process gRPC fake): read models in a local SQLite
 * database, checkpoint = the last `$all` position handled. The demo city's rankings equal replay; a runner
 * following `$all` survives the server going away mid-subscription and ends identical to a clean rebuild.
 */

import { appendValidated, importLog } from '@kaoping/app'
import { readLog, score } from '@kaoping/core'
import { createEsdbStore, type EventStore } from '@kaoping/store'
import { type FakeServer, startFakeServer } from '@kaoping/store/testing/esdb'
import Database from 'better-sqlite3'
import * as E from 'fp-ts/Either'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDemoCity } from '../../../examples/demo-city/generate'
import { openProjector } from './projector'
import { currentRankingJson } from './queries'

const demo = generateDemoCity()
  .map((l) => JSON.stringify(l))
  .join('\n')
const SCHEMES = ['guangyuan-districts-2017', 'guangyuan-departments-2017']

const replay = (schemeId: string, text: string) => {
  const events = readLog(text)
  if (E.isLeft(events)) throw new Error('bad log')
  const r = score(events.right, { schemeId })
  if (E.isLeft(r)) throw new Error(r.left._tag)
  return JSON.stringify(r.right.result)
}

const stores: EventStore[] = []
const open = (connectionString: string) => {
  const s = createEsdbStore({ connectionString, clock: () => new Date().toISOString() })
  stores.push(s)
  return s
}
afterAll(async () => {
  for (const s of stores) await s.close()
})

/** Every read model's rows, for comparing two runs. */
const dump = (db: Database.Database, generation: number) =>
  (
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ? ORDER BY name")
      .all(`pj_g${generation}_%`) as Array<{ name: string }>
  )
    .filter((t) => !t.name.endsWith('_checkpoint'))
    .map((t) => [t.name.replace(/^pj_g\d+_/, ''), db.prepare(`SELECT * FROM ${t.name} ORDER BY 1, 2`).all()])

describe('projections on EventStoreDB', () => {
  // One server and one import of the demo city (≈ 5,700 events, appended run by run) for both cases.
  let server: FakeServer
  let store: EventStore
  beforeAll(async () => {
    server = await startFakeServer()
    store = open(server.connectionString)
    expect(E.isRight(await importLog(store, demo))).toBe(true)
  })
  afterAll(() => server.stop())

  it('project the demo city to rankings identical to replay, byte for byte', async () => {
    const db = new Database(':memory:')
    const projector = openProjector({ store, db })
    await projector.catchUp()
    for (const schemeId of SCHEMES)
      expect(currentRankingJson(db, projector.tables(), schemeId)).toBe(replay(schemeId, demo))
    // The checkpoint is a `$all` commit position: sparse, far beyond the number of events.
    expect(projector.position()).toBe(await store.headPosition())
    expect(projector.position() > 5_000n * 100n).toBe(true)
  })

  it('follows `$all` across the server going away mid-subscription and ends as a clean rebuild does', async () => {
    const db = new Database(':memory:')
    const projector = openProjector({ store, db })
    await projector.catchUp()
    const following = projector.follow({ pollMs: 50 })
    const training = (i: number) => ({
      type: 'TrainingHeld',
      data: {
        unitId: 'lizhou',
        occurredOn: '2017-12-10',
        sessionId: `esdb-${i}`,
        kind: 'leadership_study',
        topic: '学法',
        attendees: 9,
      },
    })
    const add = async (i: number) => {
      const r = await appendValidated(store, [training(i)], {
        principal: { role: 'admin', name: 'test' },
        newId: () => crypto.randomUUID(),
      })
      if (E.isLeft(r)) throw new Error(r.left._tag)
      return r.right.events[0]!.position
    }
    expect(await following.waitFor(await add(1), 5000)).toBe(true)
    server.dropSubscriptions()
    await add(2)
    await server.stop()
    await new Promise((r) => setTimeout(r, 300))
    await server.start()
    const last = await add(3)
    expect(await following.waitFor(last, 10_000)).toBe(true)
    await following.stop()

    const clean = new Database(':memory:')
    const rebuilt = openProjector({ store, db: clean })
    await rebuilt.catchUp()
    expect(dump(db, projector.tables().generation)).toEqual(dump(clean, rebuilt.tables().generation))
    for (const schemeId of SCHEMES)
      expect(currentRankingJson(db, projector.tables(), schemeId)).toBe(
        currentRankingJson(clean, rebuilt.tables(), schemeId)
      )
    await server.stop()
  })
})
