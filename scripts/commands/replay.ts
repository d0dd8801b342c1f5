/** @module `kaoping replay`: events + scheme + instant → ranking, offline, no server (SPEC §6 "CLI"). */
import { writeFileSync } from 'node:fs'
import { describeReplayError, type Result, type Scheme, score, toCsv } from '@kaoping/core'
import { rankingWorkbook } from '@kaoping/sheets'
import * as E from 'fp-ts/Either'
import { parseCommand, usageError } from '../lib/args'
import { UsageError } from '../lib/cli-error'
import { describeFileError } from '../lib/file-error'
import { readEventFile, readSchemeFile } from '../lib/inputs'
import { REPLAY } from '../lib/specs/replay'
import { renderTable } from '../lib/table'

export const formatResult = (result: Result, scheme: Scheme, format: 'table' | 'json' | 'csv'): string =>
  format === 'json'
    ? `${JSON.stringify(result, null, 2)}\n`
    : format === 'csv'
      ? toCsv(result, scheme)
      : renderTable(result, scheme)

export const replay = async (argv: ReadonlyArray<string>): Promise<string> => {
  const { values } = parseCommand(REPLAY, argv)
  if (values.format === 'xlsx' && !values.out)
    throw usageError(REPLAY, ['--format xlsx 需要 --out 文件.xlsx'])

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
  const schemes = attempt(() => readSchemeFile(values.scheme))
  const events = attempt(() => readEventFile(values.events))
  if (!schemes || !events) throw new UsageError(errors)

  const scored = score(events, {
    schemeId: schemes[0]!.schemeId,
    given: schemes,
    asOf: values['as-of'],
    basis: values.basis as 'recorded' | 'occurred',
    version: values.version === undefined ? undefined : Number(values.version),
  })
  if (E.isLeft(scored)) throw new UsageError([describeReplayError(scored.left)])
  if (values.format === 'xlsx') {
    const bytes = await rankingWorkbook(scored.right.result, scored.right.scheme)
    try {
      writeFileSync(values.out!, bytes)
    } catch (e) {
      throw new UsageError([describeFileError(e, values.out!, true)])
    }
    return `已写入 ${values.out}\n`
  }
  return formatResult(scored.right.result, scored.right.scheme, values.format as 'table' | 'json' | 'csv')
}
