/**
 * `pnpm bench:esdb-import`: what an import costs on the EventStoreDB adapter, through the in-process fake server
 * (the real client, the real wire protocol, no disk). The demo city is imported as `kaoping import` does (one
 * batch in the file's order: the adapter appends it run by run of one stream, so an interleaved file makes one
 * append call per run), then the same events appended grouped by stream (one run per stream), each on a fresh
 * server. Prints both figures and the runs each made. Grouping is measured, not used: it changes the order of
 * `$all`, and the log's order is part of its meaning (a correction after its target, a case's follow-ups).
 */
import { importLog } from '@kaoping/app'
import { createEsdbStore, type NewEvent } from '@kaoping/store'
import { startFakeServer } from '@kaoping/store/testing/esdb'
import * as E from 'fp-ts/Either'
import { generateDemoCity } from '../../examples/demo-city/generate'

const clock = () => new Date().toISOString()
const text = generateDemoCity()
  .map((l) => JSON.stringify(l))
  .join('\n')
const runsOf = (streams: ReadonlyArray<string>) =>
  streams.filter((s, i) => i === 0 || streams[i - 1] !== s).length

const timed = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now()
  const r = await f()
  return [r, performance.now() - t0]
}

// 1. As `kaoping import` does: one batch, the file's order.
const first = await startFakeServer()
const store = createEsdbStore({ connectionString: first.connectionString, clock })
const [imported, importMs] = await timed(() => importLog(store, text))
if (E.isLeft(imported)) throw new Error(`import: ${imported.left._tag}`)
const stored = await store.readAll()
await store.close()
await first.stop()

// 2. The same events (ids, streams, recording instants, actors), grouped by stream in their order within it.
const events: NewEvent[] = stored.map((e) => ({
  id: e.id,
  stream: e.stream,
  type: e.type,
  data: e.data,
  recordedAt: e.recordedAt,
  actor: e.actor,
}))
const order = new Map<string, number>()
for (const e of events) if (!order.has(e.stream)) order.set(e.stream, order.size)
const grouped = [...events].sort((a, b) => order.get(a.stream)! - order.get(b.stream)!)
const second = await startFakeServer()
const other = createEsdbStore({ connectionString: second.connectionString, clock })
const [appended, groupedMs] = await timed(() => other.append({ events: grouped, actor: 'bench' }))
if (E.isLeft(appended)) throw new Error(`grouped: ${appended.left._tag}`)
await other.close()
await second.stop()

const figures = {
  bench: 'esdb-import',
  node: process.version,
  events: events.length,
  streams: order.size,
  fileOrder: { runs: runsOf(events.map((e) => e.stream)), seconds: Number((importMs / 1000).toFixed(2)) },
  groupedByStream: {
    runs: runsOf(grouped.map((e) => e.stream)),
    seconds: Number((groupedMs / 1000).toFixed(2)),
  },
}
console.table([
  { way: 'file order (kaoping import)', runs: figures.fileOrder.runs, seconds: figures.fileOrder.seconds },
  { way: 'grouped by stream', runs: figures.groupedByStream.runs, seconds: figures.groupedByStream.seconds },
])
console.log(JSON.stringify(figures))
