/**
 * @module A bounded queue in front of the query thread: at most `capacity` jobs waiting or running; one more is
 * refused at once (`QueryQueueFull`, answered 503 with Retry-After) instead of piling up behind the others.
 */
import { Worker } from 'node:worker_threads'
import type { FromQueryThread, QueryAnswer, QueryJob } from './query-messages'

export class QueryQueueFull extends Error {
  constructor(
    readonly capacity: number,
    /** Seconds a client should wait before asking again. */
    readonly retryAfter: number
  ) {
    super(`查询队列已满（${capacity} 个查询在排队或计算中），请 ${retryAfter} 秒后重试`)
  }
}

export interface QueryThread {
  /** Queues a job; rejects with QueryQueueFull when `capacity` jobs are already waiting or running. */
  readonly run: (job: QueryJob) => Promise<QueryAnswer>
  readonly pending: () => number
  readonly stop: () => Promise<void>
}

export const startQueryThread = (options: {
  readonly path: string
  /** Jobs waiting or running at most. Default 4. */
  readonly capacity?: number
  /** Retry-After, in seconds, of a refused job. Default 2. */
  readonly retryAfter?: number
  /** The server's write gate (`@kaoping/store` writeGate's buffer): month ends are written in the runner's turn. */
  readonly writeGate?: SharedArrayBuffer
}): QueryThread => {
  const capacity = options.capacity ?? 4
  const retryAfter = options.retryAfter ?? 2
  const worker = new Worker(new URL('./boot.mjs', import.meta.url), {
    workerData: {
      entry: new URL('./query-worker.ts', import.meta.url).href,
      path: options.path,
      writeGate: options.writeGate,
    },
  })
  // An idle query thread does not keep the process alive.
  worker.unref()
  let next = 0
  const waiting = new Map<number, { resolve: (a: QueryAnswer) => void; reject: (e: Error) => void }>()
  const failAll = (e: Error) => {
    for (const w of waiting.values()) w.reject(e)
    waiting.clear()
  }
  worker.on('message', (m: FromQueryThread) => {
    const w = waiting.get(m.id)
    if (!w) return
    waiting.delete(m.id)
    if ('answer' in m) w.resolve(m.answer)
    else w.reject(new Error(m.failed))
  })
  worker.on('error', (e) => failAll(e))
  worker.on('exit', (code) => failAll(new Error(`查询线程意外退出（退出码 ${code}）`)))
  return {
    run: (job) => {
      if (waiting.size >= capacity) return Promise.reject(new QueryQueueFull(capacity, retryAfter))
      const id = ++next
      return new Promise<QueryAnswer>((resolve, reject) => {
        waiting.set(id, { resolve, reject })
        worker.postMessage({ id, job })
      })
    },
    pending: () => waiting.size,
    stop: async () => {
      worker.postMessage('stop')
      await worker.terminate()
    },
  }
}
