import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { writeGate } from './write-gate'

/** Another thread inside a write transaction for `ms`, as the projection runner marks it at the gate. */
const runnerHolding = (buffer: SharedArrayBuffer, ms: number) =>
  new Worker(
    `const { workerData, parentPort } = require('node:worker_threads')
     const s = new Int32Array(workerData.buffer)
     Atomics.store(s, 0, 1)
     parentPort.postMessage('holding')
     Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms)
     Atomics.store(s, 0, 0)
     Atomics.notify(s, 0)
     parentPort.postMessage('released')`,
    { eval: true, workerData: { buffer, ms } }
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
    const w = runnerHolding(gate.buffer, 150)
    const released = message(w, 'released')
    await message(w, 'holding')
    // when an append comes, and a timer is due meanwhile
    let ticked = 0
    const timer = setTimeout(() => {
      ticked = performance.now()
    }, 10)
    const appendedAt = await gate.append(async () => performance.now())
    clearTimeout(timer)
    // then the thread kept answering (the timer fired first) and the append ran after the runner's transaction
    expect(ticked).toBeGreaterThan(0)
    expect(ticked).toBeLessThan(appendedAt)
    expect(appendedAt).toBeGreaterThanOrEqual((await released) - 5)
    await w.terminate()
  })

  it('lets the appends waiting go first, but holds the runner back no longer than its yield', async () => {
    // given an append in progress (its write not finished)
    const gate = writeGate(new SharedArrayBuffer(8), 80)
    let finish: () => void = () => {}
    const appending = gate.append(() => new Promise<void>((resolve) => (finish = resolve)))
    await Promise.resolve()
    // when the runner wants to write
    const t0 = performance.now()
    const wrote = gate.runnerWrite(() => performance.now())
    // then it waited for the append about its 80-ms yield, then wrote anyway
    expect(wrote - t0).toBeGreaterThanOrEqual(75)
    expect(wrote - t0).toBeLessThan(1000)
    finish()
    await appending
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

  it('lets the runner write at once when no append waits', () => {
    const gate = writeGate(new SharedArrayBuffer(8), 1000)
    const t0 = performance.now()
    gate.runnerWrite(() => undefined)
    expect(performance.now() - t0).toBeLessThan(500)
  })
})
