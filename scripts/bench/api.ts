/**
 * @module `pnpm bench:api [--duration 10] [--connections 100]`: starts the server as its own process on a fresh
 * database with the demo city, drives it over loopback with autocannon, and prints a table and JSON:
 * ranking requests/s and latency (100 connections), appended events/s (batches of 100), and a mixed load of
 * 9 ranking reads to 1 append of 10 events, and `/healthz` while auditors keep asking for uncached as-of XLSX
 * rankings (8 at a time; refused with 503 + Retry-After when the query queue is full). Request logs are at `warn`
 * (as a loaded production server would run).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import Table from 'cli-table3'
import { pct } from './percentile'

const { values } = parseArgs({
  options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '100' } },
})
const duration = Number(values.duration)
const connections = Number(values.connections)
const TOKEN = 'bench-admin-token-0123456789abcdef'
const log = (s: string) => process.stderr.write(`${s}\n`)

const start = (dir: string): Promise<{ url: string; child: ChildProcess }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/kaoping.ts', 'serve', '--port', '0'], {
      env: {
        ...process.env,
        KAOPING_DB: join(dir, 'bench.db'),
        KAOPING_TOKENS: JSON.stringify([{ token: TOKEN, role: 'admin', name: 'bench' }]),
        KAOPING_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (d: Buffer) => {
      out += String(d)
      const url = /服务已启动：(http:\/\/\S+)/.exec(out)?.[1]
      if (url) resolve({ url, child })
    })
    child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)))
  })

const training = (i: number) => ({
  type: 'TrainingHeld',
  data: {
    unitId: 'lizhou',
    occurredOn: '2017-06-01',
    sessionId: `bench-${i}`,
    kind: 'daily_study',
    topic: '压测学法',
    attendees: 12,
  },
})
// Each batch new facts: a session id is a business id (SPEC §3), so a repeated body would be refused (422).
let sessions = 0
const batch = (n: number) => JSON.stringify({ events: Array.from({ length: n }, () => training(sessions++)) })
/** A request whose body is made when it is sent, so no two appends record the same session. */
const post = (n: number) => ({
  method: 'POST' as const,
  path: '/v1/events',
  setupRequest: (req: autocannon.Request) => ({ ...req, body: batch(n) }),
})
/** An append phase whose requests were refused measures nothing. */
const refusedNone = (title: string, r: autocannon.Result) => {
  if (r.non2xx > 0) throw new Error(`${title}: ${r.non2xx} requests answered other than 2xx`)
  return r
}

const headers = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }
const browser = { ...headers, 'Accept-Encoding': 'gzip' }
const RANKING = '/v1/schemes/guangyuan-districts-2017/ranking'

const run = (title: string, url: string, opts: Partial<autocannon.Options>) =>
  autocannon({ url, duration, connections, headers, title, ...opts } as autocannon.Options)

const dir = mkdtempSync(join(tmpdir(), 'kaoping-bench-api-'))
const { url, child } = await start(dir)
log(`server at ${url}; ${duration} s per phase, ${connections} connections`)
try {
  const ranking = await run('ranking', `${url}${RANKING}?view=full`, {})
  log(`ranking (full): ${ranking.requests.average} req/s`)
  const summary = await run('ranking summary', `${url}${RANKING}`, {})
  log(`ranking (summary): ${summary.requests.average} req/s`)
  const gzipped = await run('ranking gzip', `${url}${RANKING}?view=full`, { headers: browser })
  log(`ranking (full, gzip): ${gzipped.requests.average} req/s`)
  // What a browser asks (the page reads the summary; every browser sends Accept-Encoding: gzip).
  const summaryGzip = await run('ranking summary gzip', `${url}${RANKING}`, { headers: browser })
  log(`ranking (summary, gzip): ${summaryGzip.requests.average} req/s`)
  const appends = refusedNone('append', await run('append', url, { requests: [post(100)], connections: 10 }))
  log(`append: ${appends.requests.average} req/s × 100 events`)
  const mix = [...Array.from({ length: 9 }, () => ({ method: 'GET' as const, path: RANKING })), post(10)]
  const mixed = await run('mixed', url, { requests: mix })
  refusedNone('mixed', mixed)
  // The same mix as browsers send it, while one reporter at a time appends a fact and reads the ranking back:
  // the time from the append's answer to a ranking that includes it (a read waits for the projection to reach
  // the store's head) is how long an update takes to become visible under this load.
  let probing = true
  const visible: number[] = []
  const prober = async () => {
    while (probing) {
      const posted = await fetch(`${url}/v1/events`, { method: 'POST', headers, body: batch(1) })
      await posted.arrayBuffer()
      if (posted.status !== 201) throw new Error(`probe append answered ${posted.status}`)
      const t0 = performance.now()
      const read = await fetch(`${url}${RANKING}`, { headers: browser })
      await read.arrayBuffer()
      if (read.status !== 200) throw new Error(`probe read answered ${read.status}`)
      visible.push(performance.now() - t0)
    }
  }
  const probe = prober()
  const mixedGzip = await run('mixed gzip', url, { headers: browser, requests: mix })
  probing = false
  await probe
  refusedNone('mixed gzip', mixedGzip)
  const at = (p: number) => Number(pct(visible, p).toFixed(1))
  const visibleMs = { samples: visible.length, p50: at(50), p99: at(99), max: at(100) }
  log(`update visible under the mixed load: ${JSON.stringify(visibleMs)} ms`)
  // /healthz while 8 auditors at a time ask for as-of workbooks (each date uncached: a new instant every time).
  let auditing = true
  const statuses = new Map<number, number>()
  let asked = 0
  const auditor = async () => {
    while (auditing) {
      const day = String(1 + (asked++ % 28)).padStart(2, '0')
      const month = String(5 + (Math.floor(asked / 28) % 8)).padStart(2, '0')
      const r = await fetch(
        `${url}${RANKING}?asOf=2017-${month}-${day}T0${asked % 10}:00:00%2B08:00&format=xlsx`,
        {
          headers,
        }
      )
      await r.arrayBuffer()
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1)
      if (r.status === 503) await new Promise((done) => setTimeout(done, 100))
    }
  }
  const auditors = Array.from({ length: 8 }, auditor)
  const health = await run('healthz during as-of XLSX', `${url}/healthz`, { connections: 10 })
  auditing = false
  await Promise.all(auditors)
  log(
    `healthz during as-of XLSX: p99 ${health.latency.p99} ms, max ${health.latency.max} ms; XLSX ${JSON.stringify([...statuses])}`
  )
  const row = (name: string, r: autocannon.Result, eventsPer = 0) => ({
    phase: name,
    connections: r.connections,
    requestsPerSecond: r.requests.average,
    eventsPerSecond: eventsPer ? r.requests.average * eventsPer : null,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  })
  const rows = [
    row('ranking GET, view=full', ranking),
    row('ranking GET, view=full, gzip', gzipped),
    row('ranking GET (summary)', summary),
    row('ranking GET (summary), gzip', summaryGzip),
    row('append batches of 100', appends, 100),
    row('mixed 90% GET / 10% POST×10', mixed),
    { ...row('mixed, gzip, + a reporter reading back', mixedGzip), updateVisibleMs: visibleMs },
    { ...row('/healthz during as-of XLSX ×8', health), asOfXlsxStatuses: Object.fromEntries(statuses) },
  ]
  const table = new Table({
    head: ['阶段', '连接数', '请求/秒', '事件/秒', 'p50 ms', 'p99 ms', '非2xx', '错误'],
  })
  for (const r of rows)
    table.push([
      r.phase,
      r.connections,
      r.requestsPerSecond,
      r.eventsPerSecond ?? '',
      r.latencyP50Ms,
      r.latencyP99Ms,
      r.non2xx,
      r.errors,
    ])
  process.stdout.write(`${table.toString()}\n${JSON.stringify({ duration, rows }, null, 2)}\n`)
} finally {
  child.kill('SIGTERM')
  await new Promise((r) => child.once('exit', r))
  rmSync(dir, { recursive: true, force: true })
}
