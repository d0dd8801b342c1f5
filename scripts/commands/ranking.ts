/** @module `kaoping ranking --scheme ID [--as-of …] [--basis …] [--version N] [--format table|json|csv] [--db PATH]`. */
import { describeReplayError } from '@kaoping/core'
import { ProjectionStopped, ranking as rankingQuery } from '@kaoping/projections'
import * as E from 'fp-ts/Either'
import { parse } from '../lib/args'
import { catchUpUnlessRunning } from '../lib/catch-up'
import { UsageError } from '../lib/cli-error'
import { openProjections } from '../lib/open-projections'
import { formatResult } from './replay'

export const RANKING_USAGE =
  '用法：kaoping ranking --scheme 办法代码 [--as-of 日期或时间] [--basis recorded|occurred] [--version N] [--format table|json|csv] [--db data/kaoping.db]'

export const ranking = async (argv: ReadonlyArray<string>): Promise<string> => {
  const { values } = parse(
    argv,
    {
      scheme: { type: 'string' },
      'as-of': { type: 'string' },
      basis: { type: 'string', default: 'recorded' },
      version: { type: 'string' },
      format: { type: 'string', default: 'table' },
      db: { type: 'string' },
    },
    RANKING_USAGE
  )
  const problems: string[] = []
  if (!values.scheme) problems.push('缺少 --scheme')
  if (values.basis !== 'recorded' && values.basis !== 'occurred')
    problems.push(`--basis 应为 recorded 或 occurred，实际为 ${values.basis}`)
  if (!['table', 'json', 'csv'].includes(values.format!))
    problems.push(`--format 应为 table、json 或 csv，实际为 ${values.format}`)
  const version = values.version === undefined ? undefined : Number(values.version)
  if (version !== undefined && !(Number.isInteger(version) && version > 0))
    problems.push(`--version 应为正整数，实际为 ${values.version}`)
  if (problems.length > 0) throw new UsageError([...problems, RANKING_USAGE])

  const opened = openProjections(values.db)
  try {
    await catchUpUnlessRunning(opened)
    const r = rankingQuery(opened.db, opened.projector.tables(), {
      schemeId: values.scheme!,
      asOf: values['as-of'],
      basis: values.basis as 'recorded' | 'occurred',
      version,
    })
    if (E.isLeft(r)) throw new UsageError([describeReplayError(r.left)])
    return formatResult(r.right.result, r.right.scheme, values.format as 'table' | 'json' | 'csv')
  } catch (e) {
    if (e instanceof ProjectionStopped) throw new UsageError([e.message])
    throw e
  } finally {
    await opened.close()
  }
}
