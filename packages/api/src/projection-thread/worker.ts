/**
 * @module The projection runner's thread: its own connections to the SQLite file, following the log and
 * committing read models with their checkpoint, so scoring never blocks the thread that answers HTTP.
 * It reports each committed position; an `appended` message wakes it at once (appends come from the other
 * thread's connection, which this one would otherwise only notice by polling). Read models that turn out not
 * to be the store's (the server behind EventStoreDB restarted empty, or another database behind the same
 * address) are rebuilt from the store, and the problem is reported until the rebuilt ones are live.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { openProjector } from '@kaoping/projections'
import { createEsdbStore, createSqliteStore, writeGate } from '@kaoping/store'
import Database from 'better-sqlite3'
import type { FromMain, FromWorker } from './messages'

const {
  path,
  owner,
  eventstoreUrl,
  writeGate: gate,
} = workerData as {
  path: string
  owner: string
  eventstoreUrl?: string
  writeGate?: SharedArrayBuffer
}
const port = parentPort!
const post = (m: FromWorker) => port.postMessage(m)

// This store only reads (the runner never appends); its clock is never used.
const clock = () => new Date().toISOString()
const store = eventstoreUrl
  ? createEsdbStore({ connectionString: eventstoreUrl, clock })
  : createSqliteStore({ path, clock })
const db = new Database(path)
db.pragma('journal_mode = WAL')
db.pragma('synchronous = FULL')
db.pragma('busy_timeout = 5000')
let last = -1n
const projector = openProjector({
  store,
  db,
  owner,
  // The HTTP thread appends to the same file: its appends go first (store write-gate.ts).
  ...(gate ? { writeGate: writeGate(gate) } : {}),
  onMismatch: 'rebuild',
  onStoreChange: (mismatch, phase) =>
    post(
      phase === 'rebuilding'
        ? {
            type: 'store',
            problem: `${mismatch.message}；正在按当前事件存储重建读模型，重建完成前不提供统计结果`,
          }
        : { type: 'store' }
    ),
  onProgress: (p) => {
    if (p.position !== last) {
      last = p.position
      post({ type: 'position', position: p.position.toString() })
    }
  },
})
// Month-end rankings are taken by the query thread, so the runner never stops applying for seconds.
const following = projector.follow({ pollMs: 200, snapshots: false })
// A runner that stopped on its own (a pass threw) is reported at once: `/healthz` turns degraded and says why.
void following.failed.then((e) =>
  post({ type: 'failed', message: e instanceof Error ? e.message : String(e) })
)
post({ type: 'position', position: projector.position().toString() })

port.on('message', (m: FromMain) => {
  if (m.type === 'appended') {
    // waitFor wakes the runner; its answer is not needed here (positions are reported as they commit).
    void following.waitFor(BigInt(m.position), 60_000)
    return
  }
  following
    .stop()
    .then(
      () => post({ type: 'stopped' }),
      (e: unknown) => post({ type: 'failed', message: e instanceof Error ? e.message : String(e) })
    )
    .finally(() => {
      db.close()
      void store.close().then(() => port.close())
    })
})
