/**
 * The server on the EventStoreDB backend (the in-process fake, standalone as `pnpm esdb:test-server`): with
 * EVENTSTORE_URL set it loads the demo city into EventStoreDB, keeps its read models in the local SQLite file,
 * and serves the same ranking as an offline replay; an append is read back at once (read-your-writes).
 * Its read models are bound to the store they came from: another store's are rebuilt at start, a SQLite-mode
 * events file is refused, and after the server behind it restarts empty the old ranking is never served.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEsdbStore, createSqliteStore } from '@kaoping/store'
import { type FakeServer, startFakeServer } from '@kaoping/store/testing/esdb'
import { afterEach, describe, expect, it } from 'vitest'
import { replayedDemoRanking, type ServerProcess, startServerProcess } from '../testing/server-process'
import { fillSmallCity, SMALL_SCHEME_ID, smallCity, totalsOf } from '../testing/small-city'

const ADMIN = 'esdb-serve-test-admin-token-0123456789'

// Loading the demo city into EventStoreDB is ≈ 2,000 small appends: give it time on a busy machine.
it('serves the demo city from EventStoreDB with the ranking replay prints', {
  timeout: 180_000,
}, async () => {
  const fake = await startFakeServer()
  const dir = mkdtempSync(join(tmpdir(), 'kaoping-esdb-serve-'))
  // Replayed first: the replay blocks this process (and the fake server in it) for seconds, long enough for the
  // server to close an idle keep-alive connection under fetch's feet.
  const replayed = replayedDemoRanking(dir)
  const server = await startServerProcess({
    EVENTSTORE_URL: fake.connectionString,
    KAOPING_DB: join(dir, 'read-models.db'),
    KAOPING_TOKENS: JSON.stringify([{ token: ADMIN, role: 'admin' }]),
  })
  const { url, child } = server
  try {
    const headers = { Authorization: `Bearer ${ADMIN}` }
    const served = await (
      await fetch(`${url}/v1/schemes/guangyuan-districts-2017/ranking?view=full`, { headers })
    ).text()
    expect(served).toBe(replayed)
    // Every event went to EventStoreDB (besides the fake's own system events).
    const demoLines = readFileSync(join(dir, 'demo.ndjson'), 'utf8').trim().split('\n').length
    expect(fake.log.all().filter((e) => !e.type.startsWith('$'))).toHaveLength(demoLines)

    const appended = await fetch(`${url}/v1/events`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        events: [
          {
            type: 'TrainingHeld',
            data: {
              unitId: 'lizhou',
              occurredOn: '2017-12-30',
              sessionId: 'esdb-1',
              kind: 'leadership_study',
              topic: '学法',
              attendees: 5,
            },
          },
        ],
      }),
    })
    expect(appended.status).toBe(201)
    const {
      events: [written],
    } = (await appended.json()) as { events: Array<{ id: string }> }
    // Read-your-writes waits up to 5 s for the projection thread, then answers 503 projection_lagging, which a
    // client retries: on a loaded machine the thread may still be taking the demo's month ends.
    const read = () =>
      fetch(`${url}/v1/schemes/guangyuan-districts-2017/units/lizhou?pageSize=1`, { headers })
    let res = await read()
    for (let tries = 0; res.status === 503 && tries < 5; tries++) {
      await res.text()
      res = await read()
    }
    const text = await res.text()
    expect(res.status, text).toBe(200)
    const unit = JSON.parse(text) as {
      unit: { categories: Array<{ indicators: Array<{ id: string; events: string[] }> }> }
    }
    expect(unit.unit.categories.flatMap((c) => c.indicators).find((i) => i.id === 'B1')!.events).toContain(
      written!.id
    )
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
    await fake.stop()
  }
})

describe('read models bound to the EventStoreDB they came from', () => {
  const TOKENS = JSON.stringify([{ token: ADMIN, role: 'admin' }])
  const headers = { Authorization: `Bearer ${ADMIN}` }
  const clock = () => new Date().toISOString()
  let cleanup: Array<() => Promise<unknown> | unknown> = []
  afterEach(async () => {
    for (const c of cleanup.reverse()) await c()
    cleanup = []
  })
  const fake = async (port = 0): Promise<FakeServer> => {
    const server = await startFakeServer({}, port)
    cleanup.push(() => server.stop())
    return server
  }
  const serve = async (env: Record<string, string>): Promise<ServerProcess> => {
    const server = await startServerProcess({ KAOPING_TOKENS: TOKENS, KAOPING_DEMO: '0', ...env })
    cleanup.push(async () => {
      if (server.child.exitCode === null) {
        server.child.kill('SIGTERM')
        await server.exited
      }
    })
    return server
  }
  const ranking = (url: string) =>
    fetch(`${url}/v1/schemes/${SMALL_SCHEME_ID}/ranking?view=full`, { headers })
  const load = async (
    store: { close: () => Promise<void> } & Parameters<typeof fillSmallCity>[0],
    n: {
      lizhou: number
      cangxi: number
    }
  ) => {
    await fillSmallCity(store, n)
    await store.close()
  }

  it('says where the events and the read models live, with no credentials', async () => {
    const es = await fake()
    const dir = mkdtempSync(join(tmpdir(), 'kaoping-esdb-banner-'))
    const server = await serve({
      EVENTSTORE_URL: es.connectionString,
      KAOPING_DB: join(dir, 'read-models.db'),
    })
    expect(server.output()).toContain(`事件存储：EventStoreDB esdb://127.0.0.1:${es.port}?tls=false\n`)
    expect(server.output()).toContain(`读模型：${join(dir, 'read-models.db')}\n`)
  })

  it('rebuilds at start read models another EventStoreDB left in its file, and says so: never mixed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaoping-esdb-other-'))
    const db = join(dir, 'read-models.db')
    const a = await fake()
    await load(createEsdbStore({ connectionString: a.connectionString, clock }), { lizhou: 2, cangxi: 4 })
    const first = await serve({ EVENTSTORE_URL: a.connectionString, KAOPING_DB: db })
    expect(totalsOf(await (await ranking(first.url)).text())).toEqual({ cangxi: '10.00', lizhou: '5.00' })
    first.child.kill('SIGTERM')
    expect(await first.exited).toBe(0)

    // Another database with more events: read on from A's checkpoint, it would count A's and B's together.
    const b = await fake()
    await load(createEsdbStore({ connectionString: b.connectionString, clock }), { lizhou: 3, cangxi: 9 })
    const second = await serve({ EVENTSTORE_URL: b.connectionString, KAOPING_DB: db })
    expect(second.output()).toMatch(
      /注意：读模型（.*read-models\.db）投影自事件存储 esdb:\S+，而当前事件存储是 esdb:\S+/
    )
    expect(second.output()).toContain('已按当前事件存储重建读模型')
    expect(totalsOf(await (await ranking(second.url)).text())).toEqual({ cangxi: '10.00', lizhou: '7.50' })
  })

  it('refuses to start on a SQLite-mode events file as its read models, naming both stores', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaoping-esdb-sqlite-'))
    const file = join(dir, 'kaoping.db')
    const sqlite = createSqliteStore({ path: file, clock })
    await fillSmallCity(sqlite, { lizhou: 2, cangxi: 4 })
    const sqliteId = await sqlite.identity()
    await sqlite.close()
    const es = await fake()
    const refused = await serve({ EVENTSTORE_URL: es.connectionString, KAOPING_DB: file }).catch(
      (e: unknown) => e as Error
    )
    expect(refused).toBeInstanceOf(Error)
    expect((refused as Error).message).toContain(
      `${file} 是 SQLite 模式的事件库（事件存储 ${sqliteId}），其中的读模型属于它自己`
    )
    expect((refused as Error).message).toContain('EventStoreDB 模式默认 data/kaoping-esdb.db')
  })

  it('never serves the old ranking after EventStoreDB restarts empty: it rebuilds, and says why in its log', async () => {
    const es = await fake()
    const dir = mkdtempSync(join(tmpdir(), 'kaoping-esdb-emptied-'))
    const server = await serve({ EVENTSTORE_URL: es.connectionString, KAOPING_DB: join(dir, 'rm.db') })
    const posted = await fetch(`${server.url}/v1/events`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ events: smallCity({ lizhou: 2, cangxi: 4 }) }),
    })
    expect(posted.status).toBe(201)
    // On a busy machine the first read may outwait its 5 s (503 projection_lagging): ask again.
    let old = ''
    for (let i = 0; i < 20; i++) {
      const r = await ranking(server.url)
      old = await r.text()
      if (r.status === 200) break
    }
    expect(totalsOf(old)).toEqual({ cangxi: '10.00', lizhou: '5.00' })

    // The same address, no data: a server run without a data directory, restarted.
    await es.stop()
    await fake(es.port)
    const seen: number[] = []
    let health: { status: string; position: string } | undefined
    for (let i = 0; i < 300; i++) {
      const r = await ranking(server.url)
      const body = await r.text()
      seen.push(r.status)
      expect(r.status === 200 && body === old, `the old ranking was served after the restart`).toBe(false)
      const h = await fetch(`${server.url}/healthz`)
      health = (await h.json()) as typeof health
      if (h.status === 200 && r.status === 404) break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    // Rebuilt from the empty store: no scheme any more, nothing projected.
    expect(seen.at(-1)).toBe(404)
    expect(health).toMatchObject({ status: 'ok', position: '0' })
    expect(server.output()).toMatch(
      /"level":40,"time":"\d{4}-\d\d-\d\dT[\d:.]+Z".*落后于读模型（.*rm\.db）的检查点 \d+/
    )
  })
})
