/** @module `kaoping replay`: events + scheme + instant → ranking, offline, no server (SPEC §6 "CLI"). */
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { describeReplayError, type Result, type Scheme, score, toCsv } from '@kaoping/core'
import { rankingWorkbook } from '@kaoping/sheets'
import * as E from 'fp-ts/Either'
import { UsageError } from '../lib/cli-error'
import { readEventFile, readSchemeFile } from '../lib/inputs'
import { renderTable } from '../lib/table'

export const REPLAY_USAGE =
  '用法：kaoping replay --events 文件.ndjson --scheme 文件.json [--as-of 日期或时间] [--basis recorded|occurred] [--version N] [--format table|json|csv|xlsx --out 文件.xlsx]'

const FORMATS = ['table', 'json', 'csv'] as const
type Format = (typeof FORMATS)[number]

export const formatResult = (result: Result, scheme: Scheme, format: Format): string =>
  format === 'json'
    ? `${JSON.stringify(result, null, 2)}\n`
    : format === 'csv'
      ? toCsv(result, scheme)
      : renderTable(result, scheme)

export const replay = async (argv: ReadonlyArray<string>): Promise<string> => {
  let values: Record<string, string | undefined>
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        events: { type: 'string' },
        scheme: { type: 'string' },
        'as-of': { type: 'string' },
        basis: { type: 'string', default: 'recorded' },
        version: { type: 'string' },
        format: { type: 'string', default: 'table' },
        out: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values
  } catch (e) {
    throw new UsageError([(e as Error).message, REPLAY_USAGE])
  }
  const problems: string[] = []
  if (!values.events) problems.push('缺少 --events')
  if (!values.scheme) problems.push('缺少 --scheme')
  const basis = values.basis
  if (basis !== 'recorded' && basis !== 'occurred')
    problems.push(`--basis 应为 recorded 或 occurred，实际为 ${basis}`)
  const format = values.format as Format | 'xlsx'
  if (format === 'xlsx' ? !values.out : !FORMATS.includes(format as Format))
    problems.push(
      format === 'xlsx'
        ? '--format xlsx 需要 --out 文件.xlsx'
        : `--format 应为 table、json、csv 或 xlsx，实际为 ${values.format}`
    )
  const version = values.version === undefined ? undefined : Number(values.version)
  if (version !== undefined && !(Number.isInteger(version) && version > 0))
    problems.push(`--version 应为正整数，实际为 ${values.version}`)
  if (problems.length > 0) throw new UsageError([...problems, REPLAY_USAGE])

  // Both inputs are read and checked before anything is scored, so every problem is reported at once.
  const errors: string[] = []
  const attempt = <A>(f: () => A): A | undefined => {
    try {
      return f()
    } catch (e) {
      if (!(e instanceof UsageError)) throw e
      errors.push(...e.problems)
      return undefined
    }
  }
  const schemes = attempt(() => readSchemeFile(values.scheme!))
  const events = attempt(() => readEventFile(values.events!))
  if (!schemes || !events) throw new UsageError(errors)

  const schemeId = schemes[0]!.schemeId
  const scored = score(events, {
    schemeId,
    given: schemes,
    asOf: values['as-of'],
    basis: basis as 'recorded' | 'occurred',
    version,
  })
  if (E.isLeft(scored)) throw new UsageError([describeReplayError(scored.left)])
  if (format === 'xlsx') {
    writeFileSync(values.out!, await rankingWorkbook(scored.right.result, scored.right.scheme))
    return `已写入 ${values.out}\n`
  }
  return formatResult(scored.right.result, scored.right.scheme, format)
}
