/** `kaoping rebuild` while a server keeps the rankings: refused in the words a clerk uses, never 投影. */
import { afterAll, describe, expect, it } from 'vitest'
import { type ServerProcess, startServerProcess } from '../testing/server-process'
import { kaoping, scratch } from './testing/run-kaoping'

const { path } = scratch('locked')
const db = path('k.db')
let server: ServerProcess | undefined

afterAll(() => {
  server?.child.kill('SIGTERM')
})

describe('recomputing rankings another process is keeping', () => {
  it('is refused, naming the other process by its number', async () => {
    expect(kaoping('publish-scheme', 'examples/schemes/districts-2017.json', '--db', db).code).toBe(0)
    server = await startServerProcess({ KAOPING_DB: db, KAOPING_DEMO: '0', EVENTSTORE_URL: '' })
    // The server answers before its projection thread has taken the rankings over: wait until it reports healthy.
    // On a loaded machine that took over 10 s once (the command then ran before the server held the rankings).
    let healthy = false
    for (let i = 0; i < 400 && !healthy; i++) {
      healthy = (await fetch(`${server.url}/healthz`)).status === 200
      if (!healthy) await new Promise((r) => setTimeout(r, 100))
    }
    expect(healthy).toBe(true)
    const r = kaoping('rebuild', '--db', db)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(
      `另一个进程（进程号 ${server.child.pid}）正在重算排名（如正在运行的 kaoping serve），本次不重复进行；请等它结束，或停止它后重试。\n`
    )
  })
})
