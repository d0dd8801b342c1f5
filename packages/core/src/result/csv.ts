/**
 * @module The ranking as CSV (one row per unit, one column per category), and one unit's breakdown as CSV (one row
 * per indicator), for spreadsheets; headers in Chinese.
 */
import type { Scheme } from '../scheme/scheme'
import type { Result, UnitResult } from './result'

const cell = (v: string | number | boolean | null): string => {
  const s = v === null ? '' : String(v)
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/**
 * RFC 4180 CSV with CRLF line ends, as spreadsheet programs expect, after a UTF-8 byte order mark: without it,
 * Excel on Chinese Windows reads the file as GBK and shows every Chinese header as mojibake.
 */
const csv = (rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null>>) =>
  `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`

/** The ranking: a row per unit. */
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
  return csv([header, ...rows])
}

/** One unit's entry: a row per indicator (categories, then the bonus block), then its total. */
export const unitToCsv = (unit: UnitResult, scheme: Scheme): string => {
  const names = new Map<string, readonly [string, string]>([
    ...scheme.categories.flatMap((c) => c.indicators.map((i) => [i.id, [c.name, i.name]] as const)),
    ...(scheme.bonus?.indicators.map((i) => [i.id, ['加分', i.name]] as const) ?? []),
  ])
  const indicators = [...unit.categories.flatMap((c) => c.indicators), ...(unit.bonus?.indicators ?? [])]
  return csv([
    ['类别', '指标代码', '指标', '取值', '得分', '满分', '计分说明', '事件数'],
    ...indicators.map((i) => [
      names.get(i.id)?.[0] ?? '',
      i.id,
      names.get(i.id)?.[1] ?? '',
      i.value,
      i.points,
      i.max,
      i.explanation,
      i.events.length,
    ]),
    ['总分', '', `${unit.name}（第 ${unit.rank} 名，${unit.grade}）`, '', unit.total, '', '', ''],
  ])
}
