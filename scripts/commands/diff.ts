import { beijingTime } from '@kaoping/core'
/** @module `kaoping diff --scheme ID --from T1 --to T2 [--format table|json] [--db PATH]`: what changed, and which events changed it. */
import { type Diff, diff as diffQuery } from '@kaoping/projections'
import Table from 'cli-table3'
import * as E from 'fp-ts/Either'
import { parseCommand } from '../lib/args'
import { catchUpUnlessRunning } from '../lib/catch-up'
import { requireDatabase } from '../lib/existing-database'
import { openProjections } from '../lib/open-projections'
import { explainRankingStop } from '../lib/ranking-stopped'
import { describeSchemeError, requireSchemeId } from '../lib/scheme-id'
import { DIFF } from '../lib/specs/diff'
import { schemeIds } from './ranking'

export const diff = async (argv: ReadonlyArray<string>): Promise<string> => {
  const { values } = parseCommand(DIFF, argv)
  requireSchemeId('diff', values.scheme)
  requireDatabase(values.db)
  const opened = openProjections(values.db)
  try {
    await catchUpUnlessRunning(opened)
    const tables = opened.projector.tables()
    const d = diffQuery(opened.db, tables, values.scheme, values.from, values.to)
    if (E.isLeft(d)) throw describeSchemeError(d.left, schemeIds(opened.db, tables))
    return values.format === 'json' ? `${JSON.stringify(d.right, null, 2)}\n` : diffTable(d.right)
  } catch (e) {
    throw explainRankingStop(e)
  } finally {
    await opened.close()
  }
}

/** A gain shows its sign, as a loss does. */
const signed = (delta: string | null) => (delta === null ? '—' : delta.startsWith('-') ? delta : `+${delta}`)

const diffTable = (d: Diff): string => {
  const table = new Table({
    head: ['单位', '总分变化', '名次变化', '指标', '得分变化', '新增事件', '不再计入'],
    style: { head: [], border: [], compact: true },
  })
  for (const u of d.units) {
    const total = `${u.total.from ?? '—'} → ${u.total.to}`
    const rank = `${u.total.rankFrom ?? '—'} → ${u.total.rankTo}`
    if (u.indicators.length === 0) table.push([u.name, total, rank, '', '', '', ''])
    u.indicators.forEach((i, k) => {
      table.push([
        k === 0 ? u.name : '',
        k === 0 ? total : '',
        k === 0 ? rank : '',
        i.indicatorId,
        `${i.from ?? '—'} → ${i.to ?? '—'}（${signed(i.delta)}）`,
        String(i.added.length),
        String(i.removed.length),
      ])
    })
  }
  const heading = `${d.schemeId} 自 ${beijingTime(d.from)} 至 ${beijingTime(d.to)} 的变化（北京时间，按记录时间）`
  return d.units.length === 0 ? `${heading}：没有变化\n` : `${heading}\n${table.toString()}\n`
}
