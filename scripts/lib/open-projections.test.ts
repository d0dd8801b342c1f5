/**
 * What a read command does with read models that are not the store's (issue #16): after the EventStoreDB behind
 * them restarted empty, `kaoping ranking` refuses, names both stores, and points at `kaoping rebuild`, which
 * rebuilds them from the store as it now is.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEsdbStore } from '@kaoping/store'
import { startFakeServer } from '@kaoping/store/testing/esdb'
import { afterEach, expect, it } from 'vitest'
import { ranking } from '../commands/ranking'
import { rebuild } from '../commands/rebuild'
import { fillSmallCity, SMALL_SCHEME_ID } from '../testing/small-city'
import { UsageError } from './cli-error'

const saved = process.env.EVENTSTORE_URL
afterEach(() => {
  if (saved === undefined) delete process.env.EVENTSTORE_URL
  else process.env.EVENTSTORE_URL = saved
})

it('refuses to rank from read models the store has fallen behind, and kaoping rebuild makes them the store’s', async () => {
  const clock = () => new Date().toISOString()
  const a = await startFakeServer()
  const db = join(mkdtempSync(join(tmpdir(), 'kaoping-cli-behind-')), 'rm.db')
  process.env.EVENTSTORE_URL = a.connectionString
  const store = createEsdbStore({ connectionString: a.connectionString, clock })
  await fillSmallCity(store, { lizhou: 2, cangxi: 4 })
  await store.close()
  const args = ['--scheme', SMALL_SCHEME_ID, '--format', 'csv', '--db', db]
  expect(await ranking(args)).toContain('10.00')

  // Restarted without its data, then a smaller city written.
  await a.stop()
  const b = await startFakeServer({}, a.port)
  try {
    const again = createEsdbStore({ connectionString: b.connectionString, clock })
    for (let i = 0; ; i++)
      try {
        await fillSmallCity(again, { lizhou: 1, cangxi: 0 })
        break
      } catch (e) {
        if (i >= 50) throw e
        await new Promise((r) => setTimeout(r, 100))
      }
    await again.close()
    const refused = await ranking(args).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(UsageError)
    const [what, hint] = (refused as UsageError).problems
    expect(what).toMatch(
      /^事件存储 esdb:\S+ 的最新位置 \d+ 落后于读模型（.*rm\.db）的检查点 \d+（读模型投影自 esdb:\S+）/
    )
    expect(hint).toContain(`请运行 kaoping rebuild --db ${db}`)

    expect(await rebuild(['--db', db])).toMatch(/^已重算排名：4 条事件/)
    // The restarted store's one training of 利州区 (2.50), nothing of the old city (苍溪县's 10.00).
    const rebuilt = await ranking(args)
    expect(rebuilt).toContain('2.50')
    expect(rebuilt).not.toContain('10.00')
  } finally {
    await b.stop()
  }
})
