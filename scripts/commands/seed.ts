/** @module `kaoping seed`: writes the deterministic demo city (examples/demo-city) as an NDJSON event file. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { generateDemoCity } from '../../examples/demo-city/generate'
import { parseCommand } from '../lib/args'
import { UsageError } from '../lib/cli-error'
import { describeFileError } from '../lib/file-error'
import { SEED } from '../lib/specs/seed'

export const DEMO_EVENTS = SEED.options.out.default

export const writeDemoCity = (out: string, seed?: number): number => {
  const lines = generateDemoCity(seed === undefined ? {} : { seed })
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`)
  return lines.length
}

export const seed = (argv: ReadonlyArray<string>): string => {
  const { values } = parseCommand(SEED, argv)
  let count: number
  try {
    count = writeDemoCity(values.out, values.seed === undefined ? undefined : Number(values.seed))
  } catch (e) {
    throw new UsageError([describeFileError(e, values.out, true)])
  }
  return `已生成示范城市事件 ${count} 条：${values.out}\n`
}
