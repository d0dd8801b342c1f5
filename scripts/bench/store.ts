/**
 * @module `pnpm bench:store`: append throughput for batches of 1, 100 and 1000 events and the read-back rate,
 * beside bare better-sqlite3 inserts of the same rows with the same schema and pragmas, in the same run.
 * Prints a table and a JSON line; never asserts (targets live in docs/performance.md).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSqliteStore, type NewEvent } from '@kaoping/store'
import Database from 'better-sqlite3'
import * as E from 'fp-ts/Either'

const dir = mkdtempSync(join(tmpdir(), 'kaoping-bench-'))
const clock = () => new Date().toISOString()

/** ~300-byte events like the demo city's (a training with its unit, date, topic, attendees). */
const makeEvents = (count: number, offset: number): NewEvent[] =>
  Array.from({ length: count }, (_, i) => {
    const n = offset + i
    return {
      id: `30000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
      stream: `unit-u${n % 200}`,
      type: 'TrainingHeld',
      data: {
        unitId: `u${n % 200}`,
        occurredOn: '2017-05-01',
        sessionId: `s-${n}`,
        kind: 'leadership_study',
        topic: '党组中心组集体学法：行政诉讼法修正案解读',
        attendees: 12,
        hours: 2,
      },
    }
  })

const time = async (f: () => Promise<void> | void) => {
  const t = performance.now()
  await f()
  return (performance.now() - t) / 1000
}

const storeAppend = async (batch: number, total: number) => {
  const path = join(dir, `store-${batch}.db`)
  const store = createSqliteStore({ path, clock })
  const seconds = await time(async () => {
    for (let off = 0; off < total; off += batch) {
      const r = await store.append({ events: makeEvents(batch, off), actor: 'bench' })
      if (E.isLeft(r)) throw new Error(r.left._tag)
    }
  })
  let read = 0
  const readSeconds = await time(async () => {
    let after: bigint | undefined
    for (;;) {
      const page = await store.readAll({ ...(after === undefined ? {} : { after }), maxCount: 5000 })
      read += page.length
      if (page.length < 5000) break
      after = page[page.length - 1]!.position
    }
  })
  await store.close()
  return { appendPerSec: total / seconds, readPerSec: read / readSeconds }
}

/** The floor: the same rows, schema and pragmas, one prepared INSERT per event, one transaction per batch. */
const bareAppend = async (batch: number, total: number) => {
  const db = new Database(join(dir, `bare-${batch}.db`))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, stream TEXT NOT NULL,
    revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, recorded_at TEXT NOT NULL, actor TEXT NOT NULL,
    schema_version INTEGER NOT NULL, UNIQUE (stream, revision))`)
  const insert = db.prepare(
    'INSERT INTO events (event_id, stream, revision, type, data, recorded_at, actor, schema_version) VALUES (?, ?, ?, ?, ?, ?, ?, 1)'
  )
  const revisions = new Map<string, number>()
  const tx = db.transaction((events: NewEvent[]) => {
    const now = clock()
    for (const e of events) {
      const r = (revisions.get(e.stream) ?? -1) + 1
      revisions.set(e.stream, r)
      insert.run(e.id, e.stream, r, e.type, JSON.stringify(e.data), now, 'bench')
    }
  })
  const seconds = await time(() => {
    for (let off = 0; off < total; off += batch) tx(makeEvents(batch, off))
  })
  const select = db.prepare<[number], { position: number; data: string }>(
    'SELECT * FROM events WHERE position > ? ORDER BY position LIMIT 5000'
  )
  let read = 0
  const readSeconds = await time(() => {
    let after = 0
    for (;;) {
      const page = select.all(after)
      for (const row of page) JSON.parse(row.data)
      read += page.length
      if (page.length < 5000) break
      after = page[page.length - 1]!.position
    }
  })
  db.close()
  return { appendPerSec: total / seconds, readPerSec: read / readSeconds }
}

const TOTALS: ReadonlyArray<readonly [number, number]> = [
  [1, 3000],
  [100, 100_000],
  [1000, 200_000],
]

const RUNS = 3
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

const rows = []
for (const [batch, total] of TOTALS) {
  // Alternate the two, several times, and keep medians: single runs on 2 cores vary by ±15%.
  const runs = {
    bareAppend: [] as number[],
    bareRead: [] as number[],
    storeAppend: [] as number[],
    storeRead: [] as number[],
  }
  for (let run = 0; run < RUNS; run++) {
    const b = await bareAppend(batch, total)
    const s = await storeAppend(batch, total)
    runs.bareAppend.push(b.appendPerSec)
    runs.bareRead.push(b.readPerSec)
    runs.storeAppend.push(s.appendPerSec)
    runs.storeRead.push(s.readPerSec)
    rmSync(join(dir, `bare-${batch}.db`), { force: true })
    rmSync(join(dir, `store-${batch}.db`), { force: true })
    for (const suffix of ['-wal', '-shm']) {
      rmSync(join(dir, `bare-${batch}.db${suffix}`), { force: true })
      rmSync(join(dir, `store-${batch}.db${suffix}`), { force: true })
    }
  }
  const bare = { appendPerSec: median(runs.bareAppend), readPerSec: median(runs.bareRead) }
  const store = { appendPerSec: median(runs.storeAppend), readPerSec: median(runs.storeRead) }
  rows.push({
    batch,
    events: total,
    storeAppendPerSec: Math.round(store.appendPerSec),
    bareAppendPerSec: Math.round(bare.appendPerSec),
    appendRatio: Number((store.appendPerSec / bare.appendPerSec).toFixed(2)),
    storeReadPerSec: Math.round(store.readPerSec),
    bareReadPerSec: Math.round(bare.readPerSec),
    readRatio: Number((store.readPerSec / bare.readPerSec).toFixed(2)),
  })
}
rmSync(dir, { recursive: true, force: true })
console.table(rows)
console.log(
  JSON.stringify({
    bench: 'store',
    node: process.version,
    synchronous: 'FULL',
    runs: RUNS,
    statistic: 'median',
    rows,
  })
)
