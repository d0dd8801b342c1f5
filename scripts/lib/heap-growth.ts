/**
 * @module How far the JavaScript heap may grow past what is live before V8 collects it. By its own measure V8
 * lets a heap that allocates fast grow to up to 4 × its live size between full collections: a runner holding
 * a million events (≈ 0.7 GB live) reached 2.5 GiB scoring month ends, most of it garbage. Every command runs
 * with the heap allowed `KAOPING_HEAP_GROWTH` percent above what the last full collection kept (docs/deployment.md
 * "Memory"): more frequent collections, bounded memory, and no ceiling to hit — unlike `--max-old-space-size`,
 * which ends the process when live data outgrows it.
 */
import { setFlagsFromString } from 'node:v8'
import { UsageError } from './cli-error'

export const DEFAULT_HEAP_GROWTH = 25

/** The percent from the environment; 0 leaves the growth to V8. */
export const heapGrowthOf = (env: NodeJS.ProcessEnv): number => {
  const text = env.KAOPING_HEAP_GROWTH || String(DEFAULT_HEAP_GROWTH)
  if (!/^\d{1,3}$/.test(text) || Number(text) > 400)
    throw new UsageError([
      `KAOPING_HEAP_GROWTH 应为 0–400 的整数（百分比；0 由 V8 自行决定），实际为 ${text}`,
    ])
  return Number(text)
}

/**
 * Sets the growth for this process and its worker threads (V8's flags are the process's). V8 reads it each time
 * it sizes the heap after a full collection, so setting it as a command starts takes effect from then on. It wins
 * over a `--heap-growing-percent` given to node itself: the environment variable is the one setting.
 */
export const boundHeapGrowth = (env: NodeJS.ProcessEnv = process.env): number => {
  const percent = heapGrowthOf(env)
  // Set even at 0 (V8's own default), so that a second call can undo a first.
  setFlagsFromString(`--heap-growing-percent=${percent}`)
  return percent
}
