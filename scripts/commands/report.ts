/**
 * @module `kaoping report --scheme ID --format xlsx --out FILE [--as-of …] [--basis …] [--db PATH]`: the year-end
 * workbook — ranking, one sheet per unit, and an audit sheet (scheme version, instant, event count).
 */
import { writeFileSync } from 'node:fs'
import { ranking } from '@kaoping/projections'
import { reportWorkbook } from '@kaoping/sheets'
import * as E from 'fp-ts/Either'
import { parseCommand } from '../lib/args'
import { catchUpUnlessRunning } from '../lib/catch-up'
import { UsageError } from '../lib/cli-error'
import { requireDatabase } from '../lib/existing-database'
import { describeFileError } from '../lib/file-error'
import { openProjections } from '../lib/open-projections'
import { explainRankingStop } from '../lib/ranking-stopped'
import { describeSchemeError, requireSchemeId } from '../lib/scheme-id'
import { REPORT } from '../lib/specs/report'
import { schemeIds } from './ranking'

export const report = async (argv: ReadonlyArray<string>): Promise<string> => {
  const { values } = parseCommand(REPORT, argv)
  requireSchemeId('report', values.scheme)
  requireDatabase(values.db)
  const opened = openProjections(values.db)
  try {
    await catchUpUnlessRunning(opened)
    const tables = opened.projector.tables()
    const r = ranking(opened.db, tables, {
      schemeId: values.scheme,
      asOf: values['as-of'],
      basis: values.basis as 'recorded' | 'occurred',
    })
    if (E.isLeft(r)) throw describeSchemeError(r.left, schemeIds(opened.db, tables))
    const eventCount = Number(await opened.store.headPosition())
    const bytes = await reportWorkbook({ ...r.right, eventCount, generatedAt: new Date().toISOString() })
    try {
      writeFileSync(values.out, bytes)
    } catch (e) {
      throw new UsageError([describeFileError(e, values.out, true)])
    }
    return `已写入年度报告：${values.out}（${r.right.result.units.length} 个单位，${eventCount} 条事件）\n`
  } catch (e) {
    throw explainRankingStop(e)
  } finally {
    await opened.close()
  }
}
