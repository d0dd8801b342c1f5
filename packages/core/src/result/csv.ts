/** @module The ranking as CSV (one row per unit, one column per category), for spreadsheets; headers in Chinese. */
import type { Scheme } from '../scheme/scheme'
import type { Result } from './result'

const cell = (v: string | number | boolean | null): string => {
  const s = v === null ? '' : String(v)
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** RFC 4180 CSV with CRLF line ends, as spreadsheet programs expect. */
export const toCsv = (result: Result, scheme: Scheme): string => {
  const header = [
    '名次',
    '单位代码',
    '单位名称',
    '总分',
    '等次',
    '一票否决',
    '计0分',
    ...scheme.categories.map((c) => c.name),
    ...(scheme.bonus ? ['加分'] : []),
    '调整分',
    '触发规则',
  ]
  const rows = result.units.map((u) => [
    u.rank,
    u.unitId,
    u.name,
    u.total,
    u.grade,
    u.vetoed ? '是' : '否',
    u.zeroed ? '是' : '否',
    ...u.categories.map((c) => c.points),
    ...(scheme.bonus ? [u.bonus?.points ?? null] : []),
    u.adjustments.points,
    u.rulesFired.map((r) => r.id).join(' '),
  ])
  return `${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`
}
