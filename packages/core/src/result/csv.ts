/**
 * @module The ranking as CSV (one row per unit, one column per category), and one unit's breakdown as CSV (one row
 * per indicator), for spreadsheets; headers in Chinese.
 */
import type { Scheme } from '../scheme/scheme'
import type { Result, UnitResult } from './result'

/**
 * Text a spreadsheet would run as a formula (`=HYPERLINK(…)` as an adjustment's reason, `@SUM(1)` as who
 * approved it) starts with `'`, which Excel and WPS read as "text" (OWASP's CSV injection advice). Points are
 * decimal strings and may start with `-`: they stay numbers.
 */
const FORMULA = /^[=+\-@\t\r]/
const DECIMAL = /^[-+]?\d+(\.\d+)?$/

const cell = (v: string | number | boolean | null): string => {
  const raw = v === null ? '' : String(v)
  const s = typeof v === 'string' && FORMULA.test(raw) && !DECIMAL.test(raw) ? `'${raw}` : raw
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

const totalNote = (unit: UnitResult): string =>
  [
    unit.noFacts ? '本期无本单位填报记录' : '',
    unit.selfAssessed ? `自评分 ${unit.selfAssessed.total}` : '',
    unit.appeals.length > 0 ? `申诉 ${unit.appeals.length} 件` : '',
  ]
    .filter((x) => x !== '')
    .join('；')

/**
 * One unit's entry: a row per indicator (categories, then the bonus block), its total, then its special rules
 * (fired or 未触发) and adjustments. A pending indicator has no points and its explanation says 未到期.
 */
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
      i.adjusted
        ? `${i.explanation}；经调整 ${i.adjusted.change} 分，调整后 ${i.adjusted.points} 分`
        : i.explanation,
      i.events.length,
    ]),
    [
      '总分',
      '',
      `${unit.name}（第 ${unit.rank} 名，${unit.grade}）`,
      '',
      unit.total,
      '',
      totalNote(unit),
      '',
    ],
    // Every special rule with the words of the Result: 已触发 with its value, or 未触发.
    ...unit.rules.map((r) => ['特别规则', r.id, r.name, r.value, '', '', r.explanation, '']),
    ...unit.adjustments.items.map((a) => [
      a.source === 'AppealDecided' ? '申诉复核' : '调整',
      a.indicatorId,
      a.reason,
      a.points,
      a.applied,
      '',
      a.note ?? `${a.approvedBy}批准`,
      1,
    ]),
  ])
}
