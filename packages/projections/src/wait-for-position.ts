/**
 * @module The one "wait until position p is projected" helper: the runner's `follow` (same thread) and the
 * HTTP thread's view of the projection thread both wait through it. Whoever moves the position calls
 * `settle()`; a waiter re-reads the position after each settle until it is reached, the runner stops, or
 * its deadline passes (real elapsed time, not a lease clock that tests may freeze).
 */
export interface PositionWaiter {
  /** Resolves true once `current() >= position`, false when stopped or after `timeoutMs`. */
  readonly waitFor: (position: bigint, timeoutMs?: number) => Promise<boolean>
  /** Wakes every waiter to look at the position again. */
  readonly settle: () => void
}

export const positionWaiter = (options: {
  /** The position reached so far. */
  readonly current: () => bigint
  /** True once nothing will move the position any more (the runner stopped or failed). */
  readonly stopped: () => boolean
  /** Asks the runner to look for new events now (called before each wait). */
  readonly wake?: () => void
}): PositionWaiter => {
  let waiters: Array<() => void> = []
  return {
    settle: () => {
      const ws = waiters
      waiters = []
      for (const w of ws) w()
    },
    waitFor: async (position, timeoutMs = 5000) => {
      const deadline = performance.now() + timeoutMs
      while (options.current() < position) {
        if (options.stopped() || performance.now() >= deadline) return false
        options.wake?.()
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.max(1, deadline - performance.now()))
          waiters.push(() => {
            clearTimeout(timer)
            resolve()
          })
        })
      }
      return true
    },
  }
}
