/**
 * @module `pnpm start`, the main job on the embedded default. For now: generate the demo city, replay it
 * under the district and the department schemes, and print both rankings. (The server comes with the API issue.)
 */
import { replay } from './commands/replay'
import { DEMO_EVENTS, writeDemoCity } from './commands/seed'
import { runCommand } from './lib/cli-error'

await runCommand(() => {
  const started = performance.now()
  const count = writeDemoCity(DEMO_EVENTS)
  for (const scheme of ['examples/schemes/districts-2017.json', 'examples/schemes/departments-2017.json'])
    process.stdout.write(`${replay(['--events', DEMO_EVENTS, '--scheme', scheme])}\n`)
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  process.stdout.write(
    `示范城市 ${count} 条事件，重放用时 ${seconds} 秒。单位明细：pnpm kaoping replay --events ${DEMO_EVENTS} --scheme examples/schemes/districts-2017.json --format json\n`
  )
})
