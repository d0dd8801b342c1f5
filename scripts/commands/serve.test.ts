/**
 * The server as a real process: started on a fresh database with the demo city, it serves the same ranking
 * as an offline replay; stopped with SIGTERM while an append is in flight, it answers that append before
 * exiting, and after a restart the events are there.
 */
import { type ChildProcess, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readConfig } from '../lib/config'
import { withoutCredentials } from '../lib/open-store'
import { replayedDemoRanking, type ServerProcess, startServerProcess } from '../testing/server-process'
import { banner } from './serve'

const children: ChildProcess[] = []
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL')
})

const startServer = async (env: Record<string, string>): Promise<ServerProcess> => {
  const server = await startServerProcess(env)
  children.push(server.child)
  return server
}

const ADMIN = 'serve-test-admin-token-0123456789'
const TOKENS = JSON.stringify([{ token: ADMIN, role: 'admin', name: 'tester' }])
const auth = { Authorization: `Bearer ${ADMIN}` }

describe('kaoping serve', () => {
  it('loads the demo city into a fresh database and serves the ranking replay prints, with the printed token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaoping-serve-'))
    // Replayed first: the replay blocks this process for seconds, long enough for the server to close an idle
    // keep-alive connection under fetch's feet.
    const replayed = replayedDemoRanking(dir)
    const server = await startServer({ KAOPING_DB: join(dir, 'k.db') })
    expect(server.output()).toContain('已载入示范城市')
    expect(server.output()).toContain(`事件与读模型：SQLite 文件 ${join(dir, 'k.db')}\n`)
    const token = /示范管理员令牌：(\S+)/.exec(server.output())?.[1]
    expect(token).toBeDefined()
    // Demo tokens: an admin, a reviewer, an auditor and a reporter for 利州区.
    expect(JSON.parse(readFileSync(join(dir, 'tokens.json'), 'utf8'))).toHaveLength(4)
    const headers = { Authorization: `Bearer ${token}` }
    const scheme = 'guangyuan-districts-2017'
    const served = await (
      await fetch(`${server.url}/v1/schemes/${scheme}/ranking?view=full`, { headers })
    ).text()

    expect(served).toBe(replayed)

    const unit = await fetch(`${server.url}/v1/schemes/${scheme}/units/zhaohua`, { headers })
    expect(unit.status).toBe(200)
    const openapi = await fetch(`${server.url}/v1/openapi.json`)
    expect(((await openapi.json()) as { openapi: string }).openapi).toBe('3.1.0')
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
  })

  it('reads its own writes: an append is in the unit’s breakdown on the very next request (projection thread)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaoping-ryw-'))
    const server = await startServer({ KAOPING_DB: join(dir, 'k.db'), KAOPING_TOKENS: TOKENS })
    const unitUrl = `${server.url}/v1/schemes/guangyuan-districts-2017/units/lizhou?pageSize=1`
    const b1 = async () => {
      const body = (await (await fetch(unitUrl, { headers: auth })).json()) as {
        unit: { categories: Array<{ indicators: Array<{ id: string; events: string[] }> }> }
      }
      return body.unit.categories.flatMap((c) => c.indicators).find((i) => i.id === 'B1')!.events
    }
    const before = await b1()
    for (let i = 0; i < 3; i++) {
      const appended = await fetch(`${server.url}/v1/events`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          events: [
            {
              type: 'TrainingHeld',
              data: {
                unitId: 'lizhou',
                occurredOn: '2017-11-20',
                sessionId: `ryw-${i}`,
                kind: 'leadership_study',
                topic: '学习宪法',
                attendees: 30,
              },
            },
          ],
        }),
      })
      const { events } = (await appended.json()) as { events: Array<{ id: string }> }
      const after = await b1()
      expect(after).toHaveLength(before.length + i + 1)
      expect(after).toContain(events[0]!.id)
    }
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
  })

  it('answers an append in flight when stopped with SIGTERM, and the events survive a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaoping-drain-'))
    const env = { KAOPING_DB: join(dir, 'k.db'), KAOPING_TOKENS: TOKENS, KAOPING_DEMO: '0' }
    const server = await startServer(env)
    const register = await fetch(`${server.url}/v1/events`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        events: [{ type: 'UnitRegistered', data: { unitId: 'lizhou', name: '利州区', kind: 'district' } }],
      }),
    })
    expect(register.status).toBe(201)
    const events = Array.from({ length: 2000 }, (_, i) => ({
      type: 'TrainingHeld',
      data: {
        unitId: 'lizhou',
        occurredOn: '2026-03-01',
        sessionId: `s-${i}`,
        kind: 'daily_study',
        topic: '学法',
        attendees: 10,
      },
    }))
    const inFlight = fetch(`${server.url}/v1/events`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ events }),
    })
    // The request is on its way (its body being read or the batch being appended) when the signal lands.
    await new Promise((r) => setTimeout(r, 30))
    server.child.kill('SIGTERM')
    const answer = await inFlight
    expect(answer.status).toBe(201)
    expect(await server.exited).toBe(0)

    const again = await startServer(env)
    const exported = await (await fetch(`${again.url}/v1/events/export`, { headers: auth })).text()
    expect(exported.trimEnd().split('\n')).toHaveLength(2001)
    again.child.kill('SIGTERM')
    expect(await again.exited).toBe(0)
  })

  it('refuses to start with a clear message when the token file is wrong', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaoping-tokens-'))
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/kaoping.ts', 'serve', '--port', '0'], {
      env: {
        ...process.env,
        KAOPING_DB: join(dir, 'k.db'),
        KAOPING_TOKENS: '[{"token":"long-enough-token-1","role":"boss"}]',
        PORT: 'x',
      },
      encoding: 'utf8',
    })
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('KAOPING_TOKENS: 0.role')
  })
})

describe('where serve keeps things', () => {
  it('keeps EventStoreDB mode’s read models in a file of their own unless KAOPING_DB or --db names one', () => {
    expect(readConfig({}).db).toBe('data/kaoping.db')
    const url = 'esdb://127.0.0.1:2113?tls=false'
    expect(readConfig({ EVENTSTORE_URL: url }).db).toBe('data/kaoping-esdb.db')
    expect(readConfig({ EVENTSTORE_URL: url }).tokens).toMatchObject({ path: 'data/tokens.json' })
    expect(readConfig({ EVENTSTORE_URL: url, KAOPING_DB: '/var/lib/kaoping/rm.db' }).db).toBe(
      '/var/lib/kaoping/rm.db'
    )
    expect(readConfig({ EVENTSTORE_URL: url }, { db: 'x.db' }).db).toBe('x.db')
  })

  it('listens on loopback unless KAOPING_HOST says otherwise', () => {
    expect(readConfig({}).host).toBe('127.0.0.1')
    expect(readConfig({ KAOPING_HOST: '0.0.0.0' }).host).toBe('0.0.0.0')
    expect(() => readConfig({ KAOPING_HOST: 'a b' })).toThrow('KAOPING_HOST 应为地址或主机名')
  })

  it('prints where the events and the read models live, never the store’s credentials', () => {
    const url = 'esdb+discover://admin:changeit@es1.rsj.example:2113,es2.rsj.example:2113?tls=true'
    expect(withoutCredentials(url)).toBe('esdb+discover://es1.rsj.example:2113,es2.rsj.example:2113?tls=true')
    expect(withoutCredentials('esdb://127.0.0.1:2113?tls=false')).toBe('esdb://127.0.0.1:2113?tls=false')
    const text = banner({
      url: 'http://localhost:3000',
      demoLoaded: 0,
      tokensFile: '/etc/kaoping/tokens.json',
      events: `EventStoreDB ${withoutCredentials(url)}`,
      readModels: '/var/lib/kaoping/rm.db',
      notices: [],
    })
    expect(text).toContain(
      '事件存储：EventStoreDB esdb+discover://es1.rsj.example:2113,es2.rsj.example:2113?tls=true\n读模型：/var/lib/kaoping/rm.db\n'
    )
    expect(text).not.toContain('changeit')
  })
})
