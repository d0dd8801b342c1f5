/**
 * @module `kaoping report --scheme ID --format xlsx --out FILE [--as-of …] [--basis …] [--db PATH]`: the year-end
 * workbook — ranking, one sheet per unit, and an audit sheet (scheme version, instant, event count).
 */
import { writeFileSync } from 'node:fs'
import { frozenPublication, listAppeals } from '@kaoping/app'
import { describeReplayError } from '@kaoping/core'
import { ProjectionStopped, ranking } from '@kaoping/projections'
import { reportWorkbook } from '@kaoping/sheets'
import * as E from 'fp-ts/Either'
import { parse } from '../lib/args'
import { catchUpUnlessRunning } from '../lib/catch-up'
import { UsageError } from '../lib/cli-error'
import { openProjections } from '../lib/open-projections'

export const REPORT_USAGE =
  '用法：kaoping report --scheme 办法代码 --format xlsx --out 文件.xlsx [--as-of 日期或时间] [--basis recorded|occurred] [--publication N] [--db data/kaoping.db]'

const DECISION: Readonly<Record<string, string>> = { upheld: '支持', partially_upheld: '部分支持' }

export const report = async (argv: ReadonlyArray<string>): Promise<string> => {
  const { values } = parse(
    argv,
    {
      scheme: { type: 'string' },
      format: { type: 'string', default: 'xlsx' },
      out: { type: 'string' },
      'as-of': { type: 'string' },
      basis: { type: 'string', default: 'recorded' },
      db: { type: 'string' },
      publication: { type: 'string' },
    },
    REPORT_USAGE
  )
  const problems: string[] = []
  if (!values.scheme) problems.push('缺少 --scheme')
  if (!values.out) problems.push('缺少 --out')
  if (values.format !== 'xlsx') problems.push(`--format 目前只支持 xlsx，实际为 ${values.format}`)
  if (values.basis !== 'recorded' && values.basis !== 'occurred')
    problems.push(`--basis 应为 recorded 或 occurred，实际为 ${values.basis}`)
  const n = values.publication === undefined ? undefined : Number(values.publication)
  if (n !== undefined && !(Number.isInteger(n) && n > 0))
    problems.push(`--publication 应为正整数（第几次发布），实际为 ${values.publication}`)
  if (n !== undefined && values['as-of'] !== undefined) problems.push('--publication 与 --as-of 不能同时使用')
  if (problems.length > 0) throw new UsageError([...problems, REPORT_USAGE])
  const opened = openProjections(values.db)
  try {
    if (n !== undefined) {
      // A publication's report: its frozen Result, recomputed and checked against its hash (never a live one).
      const frozen = await frozenPublication(opened.store, values.scheme!, n)
      if (E.isLeft(frozen)) throw new UsageError([frozen.left.message])
      const { publication: p, result, scheme } = frozen.right
      const appeals = await listAppeals(opened.store, values.scheme!)
      const upheld = (E.isRight(appeals) ? appeals.right : []).flatMap((a) =>
        a.decision && DECISION[a.decision.decision] && (a.decision.recordedAt ?? '') <= p.asOf
          ? [
              {
                unitId: a.unitId,
                indicatorId: a.indicatorId,
                reason: a.reason,
                decision: `${DECISION[a.decision.decision]}：${a.decision.reason}`,
                adjustment: a.adjustment,
              },
            ]
          : []
      )
      const bytes = await reportWorkbook({
        result,
        scheme,
        eventCount: Number(p.position),
        generatedAt: new Date().toISOString(),
        publication: {
          n: p.n,
          stage: p.stage,
          asOf: p.asOf,
          position: p.position,
          sha256: p.sha256,
          upheld,
          ...(p.appealUntil === undefined ? {} : { appealUntil: p.appealUntil }),
          ...(p.docNumber === undefined ? {} : { docNumber: p.docNumber }),
        },
      })
      writeFileSync(values.out!, bytes)
      return `已写入第 ${n} 次发布的报告：${values.out}（${result.units.length} 个单位，SHA-256 ${p.sha256}）\n`
    }
    await catchUpUnlessRunning(opened)
    const r = ranking(opened.db, opened.projector.tables(), {
      schemeId: values.scheme!,
      asOf: values['as-of'],
      basis: values.basis as 'recorded' | 'occurred',
    })
    if (E.isLeft(r)) throw new UsageError([describeReplayError(r.left)])
    const eventCount = Number(await opened.store.headPosition())
    const bytes = await reportWorkbook({ ...r.right, eventCount, generatedAt: new Date().toISOString() })
    writeFileSync(values.out!, bytes)
    return `已写入年度报告：${values.out}（${r.right.result.units.length} 个单位，${eventCount} 条事件）\n`
  } catch (e) {
    if (e instanceof ProjectionStopped) throw new UsageError([e.message])
    throw e
  } finally {
    await opened.close()
  }
}
