import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSqliteStore } from '@kaoping/store'
import * as E from 'fp-ts/Either'
import { afterAll, describe, expect, it } from 'vitest'
import { startProjectionThread } from './thread'

const dir = mkdtempSync(join(tmpdir(), 'kaoping-projection-thread-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the projection thread', () => {
  it('reports a runner that stopped on its own at once — /healthz says why — without waiting to be stopped', async () => {
    const path = join(dir, 'stops.db')
    const store = createSqliteStore({ path, clock: () => new Date().toISOString() })
    const thread = startProjectionThread({ path, owner: 'test', from: 0n })
    // An event this release cannot project (a newer release wrote it): the runner stops there, never skips it.
    const bad = await store.append({
      events: [
        { id: '60000000-0000-4000-8000-000000000001', stream: 'unit-a', type: 'FutureEvent', data: {} },
      ],
      actor: 'newer-release',
    })
    expect(E.isRight(bad)).toBe(true)
    thread.notify(1n)
    const deadline = Date.now() + 20_000
    while (thread.failure() === undefined && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20))
    expect(thread.failure()).toMatch(/位置 1 停止：无法处理事件 FutureEvent/)
    await expect(thread.stop()).rejects.toThrow(/FutureEvent/)
    await store.close()
  }, 30_000)
})
