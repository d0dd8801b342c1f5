/** @module `kaoping diff --scheme ID --from T1 --to T2 [--format table|json] [--db PATH]`: what changed, and which events changed it. */
import { describeReplayError } from '@kaoping/core'
import { diff as diffQuery, ProjectionStopped } from '@kaoping/projections'
import Table from 'cli-table3'
import * as E from 'fp-ts/Either'
import { parse } from '../lib/args'
import { catchUpUnlessRunning } from '../lib/catch-up'
import { UsageError } from '../lib/cli-error'
import { openProjections } from '../lib/open-projections'

export const DIFF_USAGE =
  '用法：kaoping diff --scheme 办法代码 --from 日期或时间 --to 日期或时间 [--format table|json] [--db data/kaoping.db]'

export const diff = async (argv: ReadonlyArray<string>): Promise<string> => {
  const { values } = parse(
    argv,
    {
      scheme: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string', default: 'table' },
      db: { type: 'string' },
    },
    DIFF_USAGE
  )
  const missing = (['scheme', 'from', 'to'] as const).filter((k) => !values[k]).map((k) => `缺少 --${k}`)
  if (values.format !== 'table' && values.format !== 'json')
    missing.push(`--format 应为 table 或 json，实际为 ${values.format}`)
  if (missing.length > 0) throw new UsageError([...missing, DIFF_USAGE])
  const opened = openProjections(values.db)
  try {
    await catchUpUnlessRunning(opened)
    const d = diffQuery(opened.db, opened.projector.tables(), values.scheme!, values.from!, values.to!)
    if (E.isLeft(d)) throw new UsageError([describeReplayError(d.left)])
    if (values.format === 'json') return `${JSON.stringify(d.right, null, 2)}\n`
    const table = new Table({
      head: ['单位', '总分变化', '名次变化', '指标', '得分变化', '新增事件', '不再计入'],
      style: { head: [], border: [], compact: true },
    })
    for (const u of d.right.units) {
      const total = `${u.total.from ?? '—'} → ${u.total.to}`
      const rank = `${u.total.rankFrom ?? '—'} → ${u.total.rankTo}`
      if (u.indicators.length === 0) table.push([u.name, total, rank, '', '', '', ''])
      u.indicators.forEach((i, k) => {
        table.push([
          k === 0 ? u.name : '',
          k === 0 ? total : '',
          k === 0 ? rank : '',
          i.indicatorId,
          `${i.from ?? '—'} → ${i.to ?? '—'}（${i.delta ?? '—'}）`,
          String(i.added.length),
          String(i.removed.length),
        ])
      })
    }
    return `${values.scheme} 自 ${d.right.from} 至 ${d.right.to} 的变化（按记录时间）\n${table.toString()}\n`
  } catch (e) {
    if (e instanceof ProjectionStopped) throw new UsageError([e.message])
    throw e
  } finally {
    await opened.close()
  }
}
