/**
 * @module The query thread: scores what the read models do not hold (a ranking at another instant, basis or
 * version — a kept month end is only read) and formats it (JSON, summary, CSV, XLSX) on its own connection,
 * one job at a time, so an auditor's as-of workbook never holds up the thread that answers HTTP. The answer's
 * bytes are transferred, not copied.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { toCsv } from '@kaoping/core'
import { fillSnapshots, indexSource, liveTables, ranking } from '@kaoping/projections'
import { rankingWorkbook } from '@kaoping/sheets'
import { writeGate } from '@kaoping/store'
import Database from 'better-sqlite3'
import * as E from 'fp-ts/Either'
import { rankingJson } from '../http/ranking-json'
import type { FromQueryThread, QueryAnswer, QueryJob, ToQueryThread } from './query-messages'

const { path, writeGate: gateBuffer } = workerData as { path: string; writeGate?: SharedArrayBuffer }
// Month ends are written beside the runner's pages: in the runner side's turn, after waiting appends.
const gate = gateBuffer ? writeGate(gateBuffer) : undefined
const port = parentPort!
const db = new Database(path)
db.pragma('busy_timeout = 5000')

const encoder = new TextEncoder()

const answer = async (job: QueryJob): Promise<QueryAnswer> => {
  const scored = ranking(db, liveTables(db), job.query)
  if (E.isLeft(scored)) return { ok: false, error: scored.left }
  const { result, scheme } = scored.right
  if (job.format === 'csv')
    return { ok: true, contentType: 'text/csv; charset=utf-8', body: encoder.encode(toCsv(result, scheme)) }
  if (job.format === 'xlsx')
    return {
      ok: true,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: await rankingWorkbook(result, scheme),
    }
  return { ok: true, contentType: 'application/json; charset=utf-8', body: rankingJson(result, job.view) }
}

/**
 * While idle, the thread takes one month-end ranking the log has passed (from the event index) every few
 * seconds: the runner's thread never spends seconds on them. A job waits at most for the one being taken.
 */
const SNAPSHOT_EVERY_MS = 5_000
let busy = 0
const takeSnapshot = () => {
  if (busy > 0) return
  try {
    const t = liveTables(db)
    fillSnapshots(db, t, indexSource(db, t), 1, gate ? gate.runnerWrite : undefined)
  } catch {
    // Taken in a later tick (the file busy, a generation switching); as-of queries score meanwhile.
  }
}
const timer = setInterval(takeSnapshot, SNAPSHOT_EVERY_MS)
timer.unref()

port.on('message', (m: ToQueryThread | 'stop') => {
  if (m === 'stop') {
    clearInterval(timer)
    db.close()
    port.close()
    return
  }
  busy++
  answer(m.job)
    .finally(() => busy--)
    .then(
      (a) => {
        const reply: FromQueryThread = { id: m.id, answer: a }
        port.postMessage(reply, a.ok ? [a.body.buffer as ArrayBuffer] : [])
      },
      (e: unknown) => port.postMessage({ id: m.id, failed: e instanceof Error ? e.message : String(e) })
    )
})
