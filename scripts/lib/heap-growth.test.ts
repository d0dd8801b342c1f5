/** The heap's growth past its live size: read from the environment, refused in Chinese when malformed, in effect. */
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { UsageError } from './cli-error'
import { heapGrowthOf } from './heap-growth'

const refusal = (text: string) =>
  `KAOPING_HEAP_GROWTH 应为 0–400 的整数（百分比；0 由 V8 自行决定），实际为 ${text}`

/**
 * A process that keeps ≈ 150 MB live and makes ≈ 1.5 GB of garbage beside it, with the growth given (as the
 * commands set it), and reports what was live before the garbage and its heap's largest size, in MiB.
 */
const churn = (growth: string) => {
  const script = `
    import { boundHeapGrowth } from './scripts/lib/heap-growth.ts'
    boundHeapGrowth()
    const live = []
    for (let i = 0; i < 1_000_000; i++) live.push({ a: i, b: 'x' + i, c: [i] })
    const before = process.memoryUsage().heapUsed
    let largest = 0
    let sink
    for (let round = 0; round < 30; round++) {
      const garbage = []
      for (let i = 0; i < 250_000; i++) garbage.push({ a: i, b: 'y' + i, c: [i, i] })
      sink = garbage
      largest = Math.max(largest, process.memoryUsage().heapTotal)
    }
    if (live.length + sink.length !== 1_250_000) throw new Error('collected too early')
    console.log(JSON.stringify({ live: before / 1048576, largest: largest / 1048576 }))
  `
  // V8's own growth depends on how large it may let the heap become (from the machine's memory, or a
  // NODE_OPTIONS ceiling): fixed here, so that the unbounded run grows alike on any machine.
  const r = spawnSync(
    process.execPath,
    ['--max-old-space-size=4096', '--import', 'tsx', '--input-type=module', '-e', script],
    { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', KAOPING_HEAP_GROWTH: growth } }
  )
  if (r.status !== 0) throw new Error(r.stderr)
  return JSON.parse(r.stdout) as { readonly live: number; readonly largest: number }
}

describe('the heap growth every command runs with', () => {
  it('reads it from KAOPING_HEAP_GROWTH: 25 % by default, 0 leaving it to V8', () => {
    expect(heapGrowthOf({})).toBe(25)
    expect(heapGrowthOf({ KAOPING_HEAP_GROWTH: '' })).toBe(25)
    expect(heapGrowthOf({ KAOPING_HEAP_GROWTH: '0' })).toBe(0)
    expect(heapGrowthOf({ KAOPING_HEAP_GROWTH: '100' })).toBe(100)
    expect(heapGrowthOf({ KAOPING_HEAP_GROWTH: '400' })).toBe(400)
  })

  it('refuses anything but a whole percent from 0 to 400, naming it in Chinese', () => {
    for (const text of ['abc', '-5', '12.5', '401', '1e3', '２５'])
      expect(() => heapGrowthOf({ KAOPING_HEAP_GROWTH: text })).toThrow(new UsageError([refusal(text)]))
  })

  it('stops a command before it starts when the growth is malformed', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/kaoping.ts', 'seed'], {
      encoding: 'utf8',
      env: { ...process.env, KAOPING_HEAP_GROWTH: 'lots' },
    })
    expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr: `${refusal('lots')}\n`,
    })
  })

  it('keeps the heap near what is live while garbage is made beside it', () => {
    // Bounded at 25 % (the default) the heap stays well under 2.5 × what is live (≈ 1.6 × here: the last round
    // of garbage is live too while the next is made); left to V8 it grew to ≈ 4.4 × on this machine.
    const bounded = churn('25')
    const free = churn('0')
    expect(bounded.largest).toBeLessThan(2.5 * bounded.live)
    expect(free.largest).toBeGreaterThan(1.3 * bounded.largest)
  })
})
