/** @module The ranking as a terminal table for people, in Chinese. */
import type { Result, Scheme } from '@kaoping/core'
import Table from 'cli-table3'

const MARKS = { veto: '一票否决', zero: '计0分', gradeCap: '等次封顶' } as const

export const renderTable = (result: Result, scheme: Scheme): string => {
  const ruleName = new Map((scheme.rules ?? []).map((r) => [r.id, r.name]))
  const table = new Table({
    head: [
      '名次',
      '单位',
      '总分',
      '等次',
      ...scheme.categories.map((c) => c.name),
      ...(scheme.bonus ? ['加分'] : []),
      '调整',
      '说明',
    ],
    style: { head: [], border: [] },
  })
  for (const u of result.units) {
    const notes = u.rulesFired.map((r) => `${MARKS[r.kind]}：${ruleName.get(r.id) ?? r.id}`)
    table.push([
      String(u.rank),
      u.name,
      u.total,
      u.grade,
      ...u.categories.map((c) => c.points ?? '—'),
      ...(scheme.bonus ? [u.bonus?.points ?? '—'] : []),
      u.adjustments.points,
      notes.join('\n'),
    ])
  }
  const when = result.basis === 'recorded' ? `截至 ${result.asOf} 的记录` : `截至 ${result.asOf} 发生的事项`
  return `${scheme.title}（${scheme.schemeId} 第 ${result.version} 版，${when}）\n${table.toString()}\n`
}
