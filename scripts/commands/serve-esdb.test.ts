/**
 * The server on the EventStoreDB backend (the in-process fake, standalone as `pnpm esdb:test-server`): with
 * EVENTSTORE_URL set it loads the demo city into EventStoreDB, keeps its read models in the local SQLite file,
 * and serves the same ranking as an offline replay; an append is read back at once (read-your-writes).
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startFakeServer } from '@kaoping/store/testing/esdb'
import { expect, it } from 'vitest'
import { replayedDemoRanking, startServerProcess } from '../testing/server-process'

const ADMIN = 'esdb-serve-test-admin-token-0123456789'

// Loading the demo city into EventStoreDB is ≈ 2,000 small appends: give it time on a busy machine.
it('serves the demo city from EventStoreDB with the ranking replay prints', {
  timeout: 180_000,
}, async () => {
  const fake = await startFakeServer()
  const dir = mkdtempSync(join(tmpdir(), 'kaoping-esdb-serve-'))
  const server = await startServerProcess({
    EVENTSTORE_URL: fake.connectionString,
    KAOPING_DB: join(dir, 'read-models.db'),
    KAOPING_TOKENS: JSON.stringify([{ token: ADMIN, role: 'admin' }]),
  })
  const { url, child } = server
  try {
    const headers = { Authorization: `Bearer ${ADMIN}` }
    const served = await (
      await fetch(`${url}/v1/schemes/guangyuan-districts-2017/ranking`, { headers })
    ).text()
    expect(served).toBe(replayedDemoRanking(dir))
    // Every event went to EventStoreDB (besides the fake's own system events).
    expect(fake.log.all().filter((e) => !e.type.startsWith('$'))).toHaveLength(5731)

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
    const res = await fetch(`${url}/v1/schemes/guangyuan-districts-2017/units/lizhou?pageSize=1`, { headers })
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
