/** @module Progress of a long run: a bar with rate and ETA on a terminal, plain periodic lines otherwise (CI, logs). */
import type { Progress } from '@kaoping/projections'
import cliProgress from 'cli-progress'

export const progressReporter = (label: string) => {
  const tty = process.stderr.isTTY === true
  const bar = tty
    ? new cliProgress.SingleBar(
        {
          format: `${label} [{bar}] {percentage}% | {value}/{total} 条 | {rate} 条/秒 | 剩余 {eta_formatted}`,
          stream: process.stderr,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic
      )
    : undefined
  const started = performance.now()
  let lastLine = 0
  let startedBar = false
  return {
    update: ({ done, position, head }: Progress) => {
      const rate = Math.round(done / Math.max(0.001, (performance.now() - started) / 1000))
      const total = Number(head)
      if (bar) {
        if (!startedBar) {
          bar.start(total, 0, { rate })
          startedBar = true
        }
        bar.setTotal(total)
        bar.update(Number(position), { rate })
      } else if (performance.now() - lastLine > 2000 || position >= head) {
        lastLine = performance.now()
        process.stderr.write(`${label}：${position}/${head}，${rate} 条/秒\n`)
      }
    },
    stop: () => bar?.stop(),
  }
}
