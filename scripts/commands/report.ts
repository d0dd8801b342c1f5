/**
 * @module `kaoping report --scheme ID --format xlsx --out FILE [--as-of …] [--basis …] [--db PATH]`: the year-end
 * workbook — ranking, one sheet per unit, and an audit sheet (scheme version, instant, event count).
 */
import { writeFileSync } from 'node:fs'
import { frozenPublication, upheldAt } from '@kaoping/app'
import { parseAsOf } from '@kaoping/core'
import { eventCount, ranking } from '@kaoping/projections'
import { codeLabel, reportWorkbook } from '@kaoping/sheets'
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
  const n = values.publication === undefined ? undefined : Number(values.publication)
  if (n !== undefined && values['as-of'] !== undefined)
    throw new UsageError(['--publication 与 --as-of 不能同时使用'])
  const opened = openProjections(values.db)
  try {
    if (n !== undefined) {
      // A publication's report: its frozen Result, recomputed and checked against its hash (never a live one).
      const frozen = await frozenPublication(opened.store, values.scheme!, n)
      if (E.isLeft(frozen)) throw new UsageError([frozen.left.message])
      const { publication: p, result, scheme } = frozen.right
      const upheld = (await upheldAt(opened.store, values.scheme!, BigInt(p.position))).map((a) => ({
        unitId: a.unitId,
        indicatorId: a.indicatorId,
        reason: a.reason,
        decision: `${codeLabel('AppealDecided.decision', a.status)}：${a.decision?.reason ?? ''}`,
        adjustment: a.adjustment,
      }))
      const bytes = await reportWorkbook({
        result,
        scheme,
        eventCount: await (async () => {
          await catchUpUnlessRunning(opened)
          return eventCount(opened.db, opened.projector.tables(), { upTo: BigInt(p.position) })
        })(),
        generatedAt: new Date().toISOString(),
        publication: {
          n: p.n,
          stage: p.stage,
          asOf: p.asOf,
          position: p.position,
          sha256: p.sha256,
          ...(p.seal === undefined ? {} : { seal: p.seal }),
          upheld,
          ...(p.appealUntil === undefined ? {} : { appealUntil: p.appealUntil }),
          ...(p.docNumber === undefined ? {} : { docNumber: p.docNumber }),
        },
      })
      writeFileSync(values.out!, bytes)
      return `已写入第 ${n} 次发布的报告：${values.out}（${result.units.length} 个单位，SHA-256 ${p.sha256}）\n`
    }
    await catchUpUnlessRunning(opened)
    const tables = opened.projector.tables()
    const r = ranking(opened.db, tables, {
      schemeId: values.scheme,
      asOf: values['as-of'],
      basis: values.basis as 'recorded' | 'occurred',
    })
    if (E.isLeft(r)) throw describeSchemeError(r.left, schemeIds(opened.db, tables))
    // The events the report is about: those recorded by its as-of instant (recorded basis), else all so far.
    const cut = parseAsOf(values['as-of'], values.basis as 'recorded' | 'occurred')
    const recordedBy = E.isRight(cut) && 'recordedBy' in cut.right ? cut.right.recordedBy : undefined
    const events = eventCount(opened.db, tables, recordedBy === undefined ? {} : { recordedBy })
    const bytes = await reportWorkbook({
      ...r.right,
      eventCount: events,
      generatedAt: new Date().toISOString(),
    })
    try {
      writeFileSync(values.out, bytes)
    } catch (e) {
      throw new UsageError([describeFileError(e, values.out, true)])
    }
    return `已写入年度报告：${values.out}（${r.right.result.units.length} 个单位，${events} 条事件）\n`
  } catch (e) {
    throw explainRankingStop(e)
  } finally {
    await opened.close()
  }
}
