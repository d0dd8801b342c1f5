/** @module The ranking as a terminal table for people, in Chinese. */

import type { Result, Scheme } from '@kaoping/core'
import { beijingTime } from '@kaoping/core'
import Table from 'cli-table3'

const MARKS = { veto: '一票否决', zero: '计0分', gradeCap: '等次封顶' } as const

/** Breaks Chinese text into lines of `width` characters (it has no spaces to wrap at). */
const wrap = (text: string, width: number): string =>
  Array.from({ length: Math.ceil([...text].length / width) }, (_, i) =>
    [...text].slice(i * width, (i + 1) * width).join('')
  ).join('\n')

/** A category heading: its name without the parenthesised gloss, wrapped, with its maximum. */
const heading = (name: string, max: number): string => `${wrap(name.replace(/（.*?）/g, ''), 5)}\n(${max})`

export const renderTable = (result: Result, scheme: Scheme): string => {
  const ruleName = new Map((scheme.rules ?? []).map((r) => [r.id, r.name]))
  const table = new Table({
    head: [
      '名次',
      '单位',
      '总分',
      '等次',
      ...scheme.categories.map((c) => heading(c.name, c.max)),
      ...(scheme.bonus ? [`加分\n(${scheme.bonus.max})`] : []),
      '调整',
      '说明',
    ],
    style: { head: [], border: [], compact: true },
  })
  for (const u of result.units) {
    const notes = u.rulesFired.map((r) => wrap(`${MARKS[r.kind]}：${ruleName.get(r.id) ?? r.id}`, 18))
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
  const asOf = `北京时间 ${beijingTime(result.asOf)}`
  const when = result.basis === 'recorded' ? `截至${asOf} 的记录` : `截至${asOf} 发生的事项`
  return `${scheme.title}\n（${scheme.schemeId} 第 ${result.version} 版，${when}；“—”为不适用并已折算）\n${table.toString()}\n`
}
