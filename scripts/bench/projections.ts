/**
 * @module `pnpm bench [--events 1000000] [--cached-events N]`: a province-scale history (200 districts,
 * deterministic), then, in one run: raw log scan, full rebuild, month-end rankings taken, incremental latency
 * (append one event → its unit's new score stored), ranking reads (the summary a person sees; the full view
 * streamed piece by piece), one unit's as-of replay, the whole ranking as of a date (kept month end, other date
 * from the runner's memory, other date from the index alone), RSS and each phase's own peak, and the peak RSS.
 * Prints a table and JSON.
 * `--cached-events` bounds the runner's event cache (0: no events kept in memory). The heap grows as in every
 * kaoping command (`KAOPING_HEAP_GROWTH`, printed).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { evaluateUnit, groupFacts, parseAsOf, parseScheme, select } from '@kaoping/core'
import { copyLog, currentRankingChunks, indexSource, openProjector, rankingAt } from '@kaoping/projections'
import { createSqliteStore } from '@kaoping/store'
import Database from 'better-sqlite3'
import * as E from 'fp-ts/Either'
import districts from '../../examples/schemes/districts-2017.json'
import { projectedReadModels } from '../../packages/api/src/read-models'
import { boundHeapGrowth } from '../lib/heap-growth'
import { pct } from './percentile'
import { provinceHistory, UNITS } from './province'

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    keep: { type: 'boolean', default: false },
    /** The runner's event cache bound (the projector's default when absent; 0 keeps no events in memory). */
    'cached-events': { type: 'string' },
  },
})
const total = Number(values.events)
// The heap policy every kaoping command runs with (KAOPING_HEAP_GROWTH; lib/heap-growth.ts).
const heapGrowthPercent = boundHeapGrowth()
const dir = mkdtempSync(join(tmpdir(), 'kaoping-bench-'))
const path = join(dir, 'province.db')
const clock = () => new Date().toISOString()
const log = (s: string) => process.stderr.write(`${s}\n`)
const ms = (t: number) => Number(t.toFixed(3))

const timeit = async <T>(f: () => Promise<T> | T): Promise<[T, number]> => {
  const t = performance.now()
  const v = await f()
  return [v, performance.now() - t]
}

// 1. Generate: the district scheme (appliesTo district, all 200 units) and the history, straight into the store.
const store = createSqliteStore({ path, clock, synchronous: 'NORMAL' })
const scheme = parseScheme(districts)
if (E.isLeft(scheme)) throw new Error('scheme')
await store.append({
  events: [
    {
      id: '7fffffff-0000-4000-8000-000000000000',
      stream: `scheme-${districts.schemeId}`,
      type: 'SchemePublished',
      data: { schemeId: districts.schemeId, version: 1, scheme: districts },
      recordedAt: '2016-12-31T00:00:00.000Z',
    },
  ],
  actor: 'bench',
})
const [, genMs] = await timeit(async () => {
  for await (const batch of provinceHistory(total)) {
    const r = await store.append({ events: batch, actor: 'bench' })
    if (E.isLeft(r)) throw new Error(`generate: ${r.left._tag}`)
  }
})
const events = Number(await store.headPosition())
log(`generated ${events} events in ${(genMs / 1000).toFixed(1)} s`)

// 2. Raw scan: read + JSON parse of every row through the store (the floor for any projection).
const [, scanMs] = await timeit(async () => {
  let after: bigint | undefined
  for (;;) {
    const page = await store.readAll({ ...(after === undefined ? {} : { after }), maxCount: 5000 })
    if (page.length < 5000) break
    after = page[page.length - 1]!.position
  }
})
log(`raw scan ${(events / (scanMs / 1000)).toFixed(0)} events/s`)

const mib = () => Math.round(process.memoryUsage().rss / 1048576)
/**
 * Each phase's own peak: Linux's high-water mark of the process's resident memory (VmHWM), reset after each phase
 * (`clear_refs` 5). Elsewhere, the peak so far.
 */
const highWater = (): number | undefined => {
  try {
    const kib = /VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]
    writeFileSync('/proc/self/clear_refs', '5')
    return kib === undefined ? undefined : Math.round(Number(kib) / 1024)
  } catch {
    return undefined
  }
}
highWater()
const phasePeaks: Record<string, number> = {}
const peakMiB = () =>
  Math.max(Math.round(process.resourceUsage().maxRSS / 1024), ...Object.values(phasePeaks))
const memory = (phase: string) => {
  const peak = highWater() ?? peakMiB()
  phasePeaks[phase] = peak
  log(`  ${phase}: RSS ${mib()} MiB, the phase's peak ${peak} MiB`)
}

// 3. Full rebuild.
const db = new Database(path)
db.pragma('journal_mode = WAL')
db.pragma('synchronous = NORMAL')
const cached = values['cached-events']
const projector = openProjector({
  store,
  db,
  ...(cached === undefined ? {} : { cachedEvents: Number(cached) }),
})
const [, rebuildMs] = await timeit(() => projector.rebuild())
log(`rebuild ${(events / (rebuildMs / 1000)).toFixed(0)} events/s`)
memory('rebuild')
const rssAfterRebuild = mib()
const t = projector.tables()

// 3b. Month-end rankings the log has passed (what the follow loop takes in idle passes), all at once here.
const [snapshotsTaken, snapshotsMs] = await timeit(() => projector.takeSnapshots())
log(`${snapshotsTaken} month-end rankings in ${(snapshotsMs / 1000).toFixed(1)} s`)
memory('month ends')
const rssAfterSnapshots = mib()

// 4. Incremental: append one event for a unit, catch up (re-scores that unit, stores the ranking). The events
//    are recorded a second apart from the log's last recording on, as a live node records them: a recording
//    instant that jumps past the scheme's deadlines re-scores every unit, and is timed on its own below.
const lastRecorded = (db.prepare(`SELECT max(recorded_ms) AS ms FROM ${t.events}`).get() as { ms: number }).ms
const incremental: number[] = []
const logCopies: number[] = []
for (let i = 0; i < 100; i++) {
  const unitId = `d${String((i * 37) % UNITS).padStart(3, '0')}`
  await store.append({
    events: [
      {
        id: `7ffffffe-0000-4000-8000-${String(i).padStart(12, '0')}`,
        stream: `unit-${unitId}`,
        type: 'TrainingHeld',
        recordedAt: new Date(lastRecorded + (i + 1) * 1000).toISOString(),
        data: {
          unitId,
          occurredOn: '2017-12-30',
          sessionId: `bench-${i}`,
          kind: 'lecture',
          topic: '学法',
          attendees: 10,
        },
      },
    ],
    actor: 'bench',
  })
  const [, dt] = await timeit(() => projector.catchUp())
  incremental.push(dt)
  // What the follow loop does after a pass that wrote (projections/wal.ts), timed apart from the update.
  logCopies.push((await timeit(() => copyLog(db)))[1])
}

memory('updates')
const rssAfterIncremental = mib()

// 5. Ranking reads as the API serves them: the summary (what a person sees; built unit by unit, kept per state)
//    warm and first after an update, and the full view read as pieces and encoded piece by piece (streamed).
const readModels = projectedReadModels({ store, db, projector, following: { waitFor: async () => true } })
const summaryOf = () => readModels.rankingSummaryJson?.(districts.schemeId)
const summaryBytes = summaryOf()?.length ?? 0
const queries: number[] = []
for (let i = 0; i < 1000; i++) queries.push((await timeit(summaryOf))[1])
memory('summary reads')
const encoder = new TextEncoder()
// As the server encodes it: each piece to bytes as it is read (api/read-models.ts).
const streamFull = () => {
  let bytes = 0
  let largest = 0
  for (const piece of currentRankingChunks(db, t, districts.schemeId, (p) => encoder.encode(p))?.pieces ??
    []) {
    bytes += piece.length
    if (piece.length > largest) largest = piece.length
  }
  return { bytes, largest }
}
const full: number[] = []
let fullBytes = { bytes: 0, largest: 0 }
for (let i = 0; i < 5; i++) {
  const [b, dt] = await timeit(streamFull)
  fullBytes = b
  full.push(dt)
}
memory('full view streamed')
// The first summary read after an update builds it from the unit rows; later reads reuse it.
const cold: number[] = []
let passingEveryDeadline = 0
for (let i = 0; i < 20; i++) {
  const unitId = `d${String((i * 53) % UNITS).padStart(3, '0')}`
  await store.append({
    events: [
      {
        id: `7ffffffd-0000-4000-8000-${String(i).padStart(12, '0')}`,
        stream: `unit-${unitId}`,
        type: 'TrainingHeld',
        data: {
          unitId,
          occurredOn: '2017-12-30',
          sessionId: `cold-${i}`,
          kind: 'lecture',
          topic: '学法',
          attendees: 10,
        },
      },
    ],
    actor: 'bench',
  })
  // The first of these is recorded at today's clock: years after the log's last day, past every deadline.
  const [, dt] = await timeit(() => projector.catchUp())
  if (i === 0) passingEveryDeadline = dt
  cold.push((await timeit(summaryOf))[1])
}
memory('updates with a summary read after each')
const rssAfterReads = mib()

// 6. One unit as of mid-year (its events from the index, scored through the core pipeline).
const source = indexSource(db, t)
const cut = parseAsOf('2017-06-30', 'recorded')
if (E.isLeft(cut) || !('recordedBy' in cut.right)) throw new Error('cut')
const recordedBy = cut.right.recordedBy
const unitAsOf: number[] = []
for (let i = 0; i < 20; i++) {
  const unitId = `d${String(i * 7).padStart(3, '0')}`
  const [, dt] = await timeit(() => {
    const facts = select(source.unitEvents(unitId, recordedBy), cut.right).facts.get(unitId) ?? []
    return evaluateUnit(scheme.right, { unitId, name: unitId, kind: 'district' }, groupFacts(facts))
  })
  unitAsOf.push(dt)
}
memory('one unit as of a date')
// 7. The whole ranking as of a date: a kept month end; another date scored from the runner's memory; the same
//    date scored from the event index alone (what a process without the runner's memory does).
const wholeAsOf = (f: () => E.Either<unknown, unknown>) => {
  const t0 = performance.now()
  const r = f()
  if (E.isLeft(r)) throw new Error('as-of ranking')
  return performance.now() - t0
}
const asOfMonthEnd = [0, 1].map(() => wholeAsOf(() => projector.rankingAt(districts.schemeId, '2017-06-30')))
memory('whole ranking at a kept month end')
const asOfMemory = [0, 1].map(() => wholeAsOf(() => projector.rankingAt(districts.schemeId, '2017-06-15')))
memory('whole ranking as of another date, from memory')
const asOfIndex = wholeAsOf(() => rankingAt(db, t, districts.schemeId, '2017-06-15'))
memory('whole ranking as of another date, from the index')

const figures = {
  events,
  units: UNITS,
  rawScanPerSec: Math.round(events / (scanMs / 1000)),
  rebuildPerSec: Math.round(events / (rebuildMs / 1000)),
  rebuildToScan: Number((scanMs / rebuildMs).toFixed(2)),
  incrementalMs: {
    p50: ms(pct(incremental, 50)),
    p99: ms(pct(incremental, 99)),
    max: ms(Math.max(...incremental)),
  },
  updatePassingEveryDeadlineMs: ms(passingEveryDeadline),
  logCopyAfterUpdateMs: { p50: ms(pct(logCopies, 50)), max: ms(Math.max(...logCopies)) },
  monthEndRankings: { taken: snapshotsTaken, seconds: Number((snapshotsMs / 1000).toFixed(1)) },
  summaryReadMs: { p50: ms(pct(queries, 50)), p99: ms(pct(queries, 99)) },
  summaryColdMs: { p50: ms(pct(cold, 50)), max: ms(Math.max(...cold)) },
  summaryKiB: Math.round(summaryBytes / 1024),
  fullStreamedMs: { p50: ms(pct(full, 50)), max: ms(Math.max(...full)) },
  fullMiB: Number((fullBytes.bytes / 1048576).toFixed(1)),
  largestPieceKiB: Math.round(fullBytes.largest / 1024),
  unitAsOfMs: { p50: ms(pct(unitAsOf, 50)), max: ms(Math.max(...unitAsOf)) },
  rankingAsOfMonthEndMs: asOfMonthEnd.map(ms),
  rankingAsOfFromMemoryMs: asOfMemory.map(ms),
  rankingAsOfFromIndexMs: ms(asOfIndex),
  rssAfterRebuildMiB: rssAfterRebuild,
  rssAfterSnapshotsMiB: rssAfterSnapshots,
  rssAfterIncrementalMiB: rssAfterIncremental,
  rssAfterReadsMiB: rssAfterReads,
  peakRssMiB: peakMiB(),
  peakRssMiBByPhase: phasePeaks,
  heapGrowthPercent,
}
db.close()
await store.close()
if (!values.keep) rmSync(dir, { recursive: true, force: true })
console.table(
  Object.entries(figures).map(([k, v]) => ({
    figure: k,
    value: typeof v === 'object' ? JSON.stringify(v) : v,
  }))
)
console.log(JSON.stringify({ bench: 'projections', node: process.version, ...figures }))
