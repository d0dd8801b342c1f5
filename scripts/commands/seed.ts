/** @module `kaoping seed`: writes the deterministic demo city (examples/demo-city) as an NDJSON event file. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { parseArgs } from 'node:util'
import { generateDemoCity } from '../../examples/demo-city/generate'
import { UsageError } from '../lib/cli-error'

export const SEED_USAGE = '用法：kaoping seed [--out data/demo-city.ndjson] [--seed 2017]'
export const DEMO_EVENTS = 'data/demo-city.ndjson'

export const writeDemoCity = (out: string, seed?: number): number => {
  const lines = generateDemoCity(seed === undefined ? {} : { seed })
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`)
  return lines.length
}

export const seed = (argv: ReadonlyArray<string>): string => {
  let values: { out?: string | undefined; seed?: string | undefined }
  try {
    values = parseArgs({
      args: [...argv],
      options: { out: { type: 'string' }, seed: { type: 'string' } },
      strict: true,
    }).values
  } catch (e) {
    throw new UsageError([(e as Error).message, SEED_USAGE])
  }
  const n = values.seed === undefined ? undefined : Number(values.seed)
  if (n !== undefined && !Number.isSafeInteger(n))
    throw new UsageError([`--seed 应为整数，实际为 ${values.seed}`, SEED_USAGE])
  const out = values.out ?? DEMO_EVENTS
  const count = writeDemoCity(out, n)
  return `已生成示范城市事件 ${count} 条：${out}\n`
}
