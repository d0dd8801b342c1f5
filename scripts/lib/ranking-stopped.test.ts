/** `kaoping rebuild` while a server keeps the rankings: refused in the words a clerk uses, never 投影. */
import Database from 'better-sqlite3'
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
    // Wait until the server's projection thread holds the rankings' lease. Its /healthz is no sign of that: the
    // read models publish-scheme left are already at the store's head, so the server is healthy before its thread
    // takes the lease (the command then ran first and was, rightly, not refused — failed twice under load).
    const leaseHolder = () => {
      const file = new Database(db, { readonly: true })
      try {
        const raw = file.prepare("SELECT value FROM pj_meta WHERE key = 'lock'").pluck().get() as
          | string
          | undefined
        return raw === undefined ? undefined : (JSON.parse(raw) as { pid: number }).pid
      } finally {
        file.close()
      }
    }
    let leased = false
    for (let i = 0; i < 400 && !leased; i++) {
      leased = leaseHolder() === server.child.pid
      if (!leased) await new Promise((r) => setTimeout(r, 100))
    }
    expect(leased).toBe(true)
    const r = kaoping('rebuild', '--db', db)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(
      `另一个进程（进程号 ${server.child.pid}）正在重算排名（如正在运行的 kaoping serve），本次不重复进行；请等它结束，或停止它后重试。\n`
    )
  })
})
