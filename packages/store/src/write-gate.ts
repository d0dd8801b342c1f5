/**
 * @module Whose turn it is to write the SQLite file when several threads of one process write it: the HTTP thread
 * appends events (and evidence files' records); the projection thread commits read models and the query thread
 * month-end rankings (the runner side). SQLite's own answer — a busy handler on each connection — is neither fair
 * nor kind: the appending thread sleeps synchronously (the HTTP thread answers nothing meanwhile) and retries while
 * the runner takes the lock again for its next page; under a steady stream of appends, appends waited seconds and
 * some were refused after the 5-s timeout (docs/performance.md).
 *
 * The gate, three counters in shared memory, gives appends the turn: an append waits — without blocking its
 * thread — only while a runner-side transaction is in progress; the runner, before starting one, lets the appends
 * waiting go first (for at most `yieldMs`, so a steady stream of appends cannot stop the read models) and never
 * starts among appends already past the gate.
 */

/** Runner-side transactions in progress (the projection thread's; a counter, so another such writer may share it). */
const RUNNER = 0
/** Appends waiting for their turn: the runner lets them go first, for at most `yieldMs`. */
const WAITING = 1
/** Appends past the gate and not yet committed: the runner never starts a transaction among them. */
const WRITING = 2

/** Node 20 has it; the TypeScript library this project targets does not declare it yet (ES2024). */
const waitAsync = (
  Atomics as unknown as {
    readonly waitAsync: (
      a: Int32Array,
      index: number,
      value: number,
      timeoutMs: number
    ) => { readonly value: Promise<string> | string }
  }
).waitAsync

export interface WriteGate {
  /** To hand the same gate to the other thread (`writeGate(buffer)` there). */
  readonly buffer: SharedArrayBuffer
  /** Runs an append once the runner is not writing, holding the runner's next transaction off until it is done. */
  readonly append: <T>(write: () => Promise<T>) => Promise<T>
  /**
   * Runs the runner's write transaction after the appends waiting (for at most `yieldMs`) and after every append
   * already past the gate; appends that come meanwhile wait.
   */
  readonly runnerWrite: <T>(write: () => T) => T
  /**
   * The same turn held while `write` settles: for a runner-side transaction another thread runs for this one
   * (the rebuild's event index, filled by a worker while the runner scores).
   */
  readonly runnerWriteAsync: <T>(write: () => Promise<T>) => Promise<T>
  /** The runner's thread ended (perhaps inside a transaction, its own lock released by SQLite): it writes no more. */
  readonly runnerGone: () => void
}

export const writeGate = (buffer = new SharedArrayBuffer(12), yieldMs = 50): WriteGate => {
  const s = new Int32Array(buffer)
  const release = () => {
    Atomics.sub(s, RUNNER, 1)
    Atomics.notify(s, RUNNER)
  }
  /** The runner's turn: after the appends waiting (for at most `yieldMs`) and those past the gate. */
  const take = () => {
    // A monotonic clock: a wall clock set back must not hold the runner off.
    const until = performance.now() + yieldMs
    for (;;) {
      const waiting = Atomics.load(s, WAITING)
      const left = until - performance.now()
      if (waiting === 0 || left <= 0) break
      Atomics.wait(s, WAITING, waiting, left)
    }
    Atomics.add(s, RUNNER, 1)
    try {
      // Appends already past the gate are about to commit (their own transaction, short): after them.
      for (let writing = Atomics.load(s, WRITING); writing > 0; writing = Atomics.load(s, WRITING))
        Atomics.wait(s, WRITING, writing, 100)
    } catch (e) {
      release()
      throw e
    }
  }
  return {
    buffer,
    append: async (write) => {
      Atomics.add(s, WAITING, 1)
      try {
        // Past the gate first, then look: the runner sets RUNNER first, then looks at WRITING — one of the two sees
        // the other (sequentially consistent), so they never both go on.
        for (;;) {
          Atomics.add(s, WRITING, 1)
          const runner = Atomics.load(s, RUNNER)
          if (runner === 0) break
          Atomics.sub(s, WRITING, 1)
          Atomics.notify(s, WRITING)
          await waitAsync(s, RUNNER, runner, 100).value
        }
      } finally {
        Atomics.sub(s, WAITING, 1)
        Atomics.notify(s, WAITING)
      }
      try {
        return await write()
      } finally {
        Atomics.sub(s, WRITING, 1)
        Atomics.notify(s, WRITING)
      }
    },
    runnerWrite: (write) => {
      take()
      try {
        return write()
      } finally {
        release()
      }
    },
    runnerWriteAsync: async (write) => {
      take()
      try {
        return await write()
      } finally {
        release()
      }
    },
    runnerGone: () => {
      // What this thread's side still holds for a runner that can no longer release it.
      const stuck = Atomics.load(s, RUNNER)
      if (stuck > 0) {
        Atomics.sub(s, RUNNER, stuck)
        Atomics.notify(s, RUNNER)
      }
    },
  }
}

type Writer = (...a: never[]) => Promise<unknown>

/**
 * `target` (an object of functions, like every store here) whose methods named in `writes` take their turn at
 * `gate`: the event store's `append`, the SQLite evidence store's `put` and `addReferences`.
 */
export const gatedWrites = <S extends object>(
  target: S,
  gate: WriteGate,
  writes: ReadonlyArray<keyof S>
): S => {
  const gated = { ...target } as Record<PropertyKey, unknown>
  for (const name of writes) {
    const write = target[name] as unknown as Writer
    gated[name as PropertyKey] = (...a: never[]) => gate.append(() => write(...a))
  }
  return gated as S
}
