/**
 * @module Runs the projection runner in a worker thread (the server's choice on the embedded store): the HTTP
 * thread appends and reads, the runner scores on the other core. `waitFor(position)` resolves once the runner
 * has committed that position — the read-your-writes wait — and `notify` wakes it after an append.
 */
import { Worker } from 'node:worker_threads'
import { positionWaiter } from '@kaoping/projections'
import { writeGate } from '@kaoping/store'
import type { FromMain, FromWorker } from './messages'
import type { QueryAnswer, QueryJob } from './query-messages'
import { startQueryThread } from './query-thread'

export interface ProjectionThread {
  readonly waitFor: (position: bigint, timeoutMs?: number) => Promise<boolean>
  readonly notify: (position: bigint) => void
  /** The error that stopped the runner, if it stopped. */
  readonly failure: () => string | undefined
  /** Why the read models are not the store's, while the runner rebuilds them. */
  readonly storeProblem: () => string | undefined
  /**
   * Scores and formats, on the query thread, a ranking the read models do not hold; at most `queryCapacity`
   * jobs wait or run, one more is refused with QueryQueueFull.
   */
  readonly query: (job: QueryJob) => Promise<QueryAnswer>
  readonly stop: () => Promise<void>
}

export const startProjectionThread = (options: {
  readonly path: string
  readonly owner: string
  /** The position the read models had when the thread started. */
  readonly from: bigint
  /** Follow EventStoreDB instead of the SQLite file's own log. */
  readonly eventstoreUrl?: string
  /** Told when the runner finds the read models are not the store's (and rebuilds them), and when that is over. */
  readonly onStoreProblem?: (problem: string | undefined) => void
  /** Query-thread jobs waiting or running at most (default 4). */
  readonly queryCapacity?: number
  /** The appends' and the runner's turns at the SQLite file (`@kaoping/store` writeGate's buffer). */
  readonly writeGate?: SharedArrayBuffer
}): ProjectionThread => {
  const queries = startQueryThread({
    path: options.path,
    ...(options.writeGate ? { writeGate: options.writeGate } : {}),
    ...(options.queryCapacity !== undefined ? { capacity: options.queryCapacity } : {}),
  })
  const worker = new Worker(new URL('./boot.mjs', import.meta.url), {
    workerData: {
      entry: new URL('./worker.ts', import.meta.url).href,
      path: options.path,
      owner: options.owner,
      eventstoreUrl: options.eventstoreUrl,
      writeGate: options.writeGate,
    },
  })
  const send = (m: FromMain) => worker.postMessage(m)
  let position = options.from
  let failure: string | undefined
  let storeProblem: string | undefined
  const waiter = positionWaiter({ current: () => position, stopped: () => failure !== undefined })
  const settle = waiter.settle
  let stopped: () => void = () => {}
  const done = new Promise<void>((resolve) => {
    stopped = resolve
  })
  worker.on('message', (m: FromWorker) => {
    if (m.type === 'position') {
      const p = BigInt(m.position)
      if (p > position) position = p
    } else if (m.type === 'failed') failure = m.message
    else if (m.type === 'store') {
      storeProblem = m.problem
      options.onStoreProblem?.(m.problem)
    } else stopped()
    settle()
  })
  worker.on('error', (e) => {
    failure = e.message
    settle()
  })
  let stopping = false
  worker.on('exit', (code) => {
    // A runner stopped inside a write transaction must not hold the appends' turn (store write-gate.ts).
    if (options.writeGate) writeGate(options.writeGate).runnerGone()
    if (!stopping) failure ??= `投影线程意外退出（退出码 ${code}）`
    stopped()
    settle()
  })
  return {
    waitFor: waiter.waitFor,
    notify: (p) => send({ type: 'appended', position: p.toString() }),
    failure: () => failure,
    storeProblem: () => storeProblem,
    query: queries.run,
    stop: async () => {
      stopping = true
      await queries.stop()
      send({ type: 'stop' })
      await done
      await worker.terminate()
      if (failure !== undefined) throw new Error(failure)
    },
  }
}
