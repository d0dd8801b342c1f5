/**
 * @module Whose turn it is to write the SQLite file, when two threads of one process write it: the HTTP thread
 * appends events, the projection thread commits read models. SQLite's own answer — a busy handler on each
 * connection — is neither fair nor kind: the appending thread sleeps synchronously (the HTTP thread answers
 * nothing meanwhile) and retries while the runner takes the lock again for its next page; under a steady
 * stream of appends, appends waited seconds and some were refused after the 5-s timeout (docs/performance.md).
 *
 * The gate, two counters in shared memory, gives appends the turn: an append waits — without blocking its
 * thread — only while the runner is inside a write transaction; the runner, before starting one, lets the
 * appends waiting go first (for at most `yieldMs`, so a steady stream of appends cannot stop the read models).
 */

const RUNNER = 0
const WAITING = 1

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
  /** Runs the runner's write transaction after the appends waiting (at most `yieldMs`), appends held off. */
  readonly runnerWrite: <T>(write: () => T) => T
  /** The runner's thread ended (perhaps inside a transaction, its own lock released by SQLite): nobody writes. */
  readonly runnerGone: () => void
}

export const writeGate = (buffer = new SharedArrayBuffer(8), yieldMs = 50): WriteGate => {
  const s = new Int32Array(buffer)
  const release = () => {
    Atomics.store(s, RUNNER, 0)
    Atomics.notify(s, RUNNER)
  }
  return {
    buffer,
    append: async (write) => {
      Atomics.add(s, WAITING, 1)
      try {
        while (Atomics.load(s, RUNNER) === 1) await waitAsync(s, RUNNER, 1, 100).value
        return await write()
      } finally {
        Atomics.sub(s, WAITING, 1)
        Atomics.notify(s, WAITING)
      }
    },
    runnerWrite: (write) => {
      const until = Date.now() + yieldMs
      for (;;) {
        const waiting = Atomics.load(s, WAITING)
        const left = until - Date.now()
        if (waiting > 0 && left > 0) {
          Atomics.wait(s, WAITING, waiting, left)
          continue
        }
        Atomics.store(s, RUNNER, 1)
        // An append may have come between the two reads: it goes first too, while the runner may still yield.
        if (Atomics.load(s, WAITING) > 0 && until - Date.now() > 0) {
          release()
          continue
        }
        break
      }
      try {
        return write()
      } finally {
        release()
      }
    },
    runnerGone: release,
  }
}

/** `store` whose appends take their turn at `gate`. */
export const gatedAppends = <S extends { readonly append: (...a: never[]) => Promise<unknown> }>(
  store: S,
  gate: WriteGate
): S => ({ ...store, append: (...a: Parameters<S['append']>) => gate.append(() => store.append(...a)) })
