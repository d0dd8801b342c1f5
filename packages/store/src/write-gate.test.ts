import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { gatedWrites, writeGate } from './write-gate'

/**
 * Another thread inside a write transaction for `ms`, as the projection runner marks it at the gate. It sets
 * `done` (shared memory) just before it leaves the gate, so what ran after its transaction can tell exactly, with
 * no clock compared across threads (a message saying so may arrive late on a loaded machine).
 */
const runnerHolding = (
  buffer: SharedArrayBuffer,
  ms: number,
  done = new Int32Array(new SharedArrayBuffer(4))
) =>
  new Worker(
    `const { workerData, parentPort } = require('node:worker_threads')
     const s = new Int32Array(workerData.buffer)
     const done = new Int32Array(workerData.done)
     Atomics.store(s, 0, 1)
     parentPort.postMessage('holding')
     Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms)
     Atomics.store(done, 0, 1)
     Atomics.store(s, 0, 0)
     Atomics.notify(s, 0)
     parentPort.postMessage('released')`,
    { eval: true, workerData: { buffer, ms, done: done.buffer } }
  )

const message = (w: Worker, text: string) =>
  new Promise<number>((resolve) => {
    w.on('message', (m) => {
      if (m === text) resolve(performance.now())
    })
  })

describe('the write gate between the appending thread and the runner', () => {
  it('runs an append at once when the runner is not writing', async () => {
    const gate = writeGate()
    expect(await gate.append(async () => 'written')).toBe('written')
  })

  it('holds an append while the runner writes, without blocking the appending thread, and runs it after', async () => {
    // given the runner inside a write transaction for 150 ms
    const gate = writeGate()
    const done = new Int32Array(new SharedArrayBuffer(4))
    const w = runnerHolding(gate.buffer, 150, done)
    await message(w, 'holding')
    // when an append comes, and a timer is due meanwhile
    let ticked = 0
    const timer = setTimeout(() => {
      ticked = performance.now()
    }, 10)
    const appended = await gate.append(async () => ({
      at: performance.now(),
      runnerDone: Atomics.load(done, 0),
    }))
    clearTimeout(timer)
    // then the thread kept answering (the timer fired first) and the append ran after the runner's transaction
    expect(ticked).toBeGreaterThan(0)
    expect(ticked).toBeLessThan(appended.at)
    expect(appended.runnerDone).toBe(1)
    await w.terminate()
  })

  it('keeps the runner’s turn while a write it handed to another thread is in progress, then gives it back', async () => {
    // given the runner's turn held for a write that settles 120 ms later (the rebuild's index on a thread)
    const gate = writeGate()
    let settled = 0
    const holding = gate.runnerWriteAsync(
      () =>
        new Promise<string>((resolve) =>
          setTimeout(() => {
            settled = performance.now()
            resolve('indexed')
          }, 120)
        )
    )
    // when an append comes meanwhile
    const appendedAt = await gate.append(async () => performance.now())
    // then it ran only after that write settled, and the runner got the write's answer
    expect(settled).toBeGreaterThan(0)
    expect(appendedAt).toBeGreaterThanOrEqual(settled)
    expect(await holding).toBe('indexed')
    // and a failed write gives the turn back too
    await expect(gate.runnerWriteAsync(() => Promise.reject(new Error('disk full')))).rejects.toThrow(
      'disk full'
    )
    expect(await gate.append(async () => 'written')).toBe('written')
  })

  it('lets the appends waiting go first, but holds the runner back no longer than its yield', async () => {
    // given an append waiting for its turn (another runner-side writer holds the file for 300 ms)
    const gate = writeGate(new SharedArrayBuffer(12), 80)
    const w = runnerHolding(gate.buffer, 300)
    await message(w, 'holding')
    const appending = gate.append(async () => 'written')
    await Promise.resolve()
    // when the runner wants to write
    const t0 = performance.now()
    const wrote = gate.runnerWrite(() => performance.now())
    // then it waited for the append about its 80-ms yield, then wrote anyway
    expect(wrote - t0).toBeGreaterThanOrEqual(75)
    expect(wrote - t0).toBeLessThan(280)
    expect(await appending).toBe('written')
    await w.terminate()
  })

  it('never starts the runner’s transaction while an append past the gate is still writing', async () => {
    // given an append past the gate, writing for 150 ms on another thread
    const gate = writeGate()
    const w = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads')
       const s = new Int32Array(workerData.buffer)
       Atomics.add(s, 2, 1)
       parentPort.postMessage('writing')
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 150)
       Atomics.sub(s, 2, 1)
       Atomics.notify(s, 2)
       parentPort.postMessage('written')`,
      { eval: true, workerData: { buffer: gate.buffer } }
    )
    const written = message(w, 'written')
    await message(w, 'writing')
    // when the runner writes, then it starts after the append committed
    const started = gate.runnerWrite(() => performance.now())
    expect(started).toBeGreaterThanOrEqual((await written) - 5)
    await w.terminate()
  })

  it('frees the appends’ turn when the runner’s thread ends inside a transaction', async () => {
    // given a runner thread that took the turn and ended without giving it back
    const gate = writeGate()
    const w = new Worker(
      `const s = new Int32Array(require('node:worker_threads').workerData.buffer); Atomics.store(s, 0, 1)`,
      { eval: true, workerData: { buffer: gate.buffer } }
    )
    await new Promise((resolve) => w.on('exit', resolve))
    // when its owner learns the thread is gone
    gate.runnerGone()
    // then an append runs
    expect(await gate.append(async () => 'written')).toBe('written')
  })

  it('takes the named writes of a store through the gate and leaves its reads alone', async () => {
    // given a store whose append and read say when they ran, and the runner writing for 150 ms
    const gate = writeGate()
    const done = new Int32Array(new SharedArrayBuffer(4))
    const runnerDone = async () => Atomics.load(done, 0)
    const store = gatedWrites({ append: runnerDone, read: runnerDone }, gate, ['append'])
    const w = runnerHolding(gate.buffer, 150, done)
    await message(w, 'holding')
    // then the read runs at once (the runner still writing) and the append after the runner's transaction
    expect(await store.read()).toBe(0)
    expect(await store.append()).toBe(1)
    await w.terminate()
  })

  it('lets the runner write at once when no append waits', () => {
    const gate = writeGate(new SharedArrayBuffer(12), 1000)
    const t0 = performance.now()
    gate.runnerWrite(() => undefined)
    expect(performance.now() - t0).toBeLessThan(500)
  })
})
