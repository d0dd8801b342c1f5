/**
 * @module Results as workbooks: the ranking, one unit's breakdown, and the year-end report (ranking, a sheet
 * per unit, and an audit sheet saying under which scheme version, as of when, from how many events). Points
 * are numeric cells shown with two decimals; the Result's strings convert exactly at that precision.
 */

import type { Result, Scheme, UnitResult } from '@kaoping/core'
import { beijingTime } from '@kaoping/core'
import ExcelJS from 'exceljs'
import { codeLabel, sealScopeLabel } from './vocabulary'

const POINTS = '0.00'
const num = (s: string | null) => (s === null ? null : Number(s))

const marks = (u: UnitResult) =>
  [
    u.zeroed ? '计0分' : '',
    u.vetoed ? '一票否决' : '',
    u.rulesFired.some((r) => r.kind === 'gradeCap') ? '封顶' : '',
  ]
    .filter(Boolean)
    .join('、')

const sheetName = (s: string) => s.replace(/[/\\?*[\]:]/g, '、').slice(0, 31)

const addRanking = (wb: ExcelJS.Workbook, result: Result, scheme: Scheme) => {
  const ws = wb.addWorksheet('排名', { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = [
    { header: '名次', key: 'rank', width: 6 },
    { header: '单位代码', key: 'unitId', width: 14 },
    { header: '单位名称', key: 'name', width: 26 },
    { header: '总分', key: 'total', width: 9, style: { numFmt: POINTS } },
    { header: '等次', key: 'grade', width: 9 },
    { header: '标记', key: 'marks', width: 16 },
    ...scheme.categories.map((c) => ({
      header: c.name,
      key: `c:${c.id}`,
      width: 14,
      style: { numFmt: POINTS },
    })),
    ...(scheme.bonus ? [{ header: '加分', key: 'bonus', width: 8, style: { numFmt: POINTS } }] : []),
    // Adjustments and upheld appeals are added to the total (SPEC §4): shown, so the row adds up to the total.
    { header: '调整', key: 'adjust', width: 8, style: { numFmt: POINTS } },
  ]
  ws.getRow(1).font = { bold: true }
  for (const u of result.units)
    ws.addRow({
      rank: u.rank,
      unitId: u.unitId,
      name: u.name,
      total: num(u.total),
      grade: u.grade,
      marks: marks(u),
      ...Object.fromEntries(u.categories.map((c) => [`c:${c.id}`, num(c.points)])),
      ...(scheme.bonus ? { bonus: num(u.bonus?.points ?? null) } : {}),
      adjust: num(u.adjustments.points),
    })
}

const addUnit = (wb: ExcelJS.Workbook, u: UnitResult, scheme: Scheme) => {
  const ws = wb.addWorksheet(sheetName(u.name))
  ws.columns = [
    { header: '类别', key: 'category', width: 16 },
    { header: '指标代码', key: 'id', width: 8 },
    { header: '指标', key: 'name', width: 34 },
    { header: '取值', key: 'value', width: 12 },
    { header: '得分', key: 'points', width: 8, style: { numFmt: POINTS } },
    { header: '满分', key: 'max', width: 8, style: { numFmt: POINTS } },
    { header: '计分说明', key: 'explanation', width: 60 },
    { header: '事件数', key: 'events', width: 8 },
  ]
  ws.getRow(1).font = { bold: true }
  const names = new Map<string, readonly [string, string]>([
    ...scheme.categories.flatMap((c) => c.indicators.map((i) => [i.id, [c.name, i.name]] as const)),
    ...(scheme.bonus?.indicators.map((i) => [i.id, ['加分', i.name]] as const) ?? []),
  ])
  for (const i of [...u.categories.flatMap((c) => c.indicators), ...(u.bonus?.indicators ?? [])])
    ws.addRow({
      category: names.get(i.id)?.[0],
      id: i.id,
      name: names.get(i.id)?.[1],
      value: typeof i.value === 'boolean' ? (i.value ? '是' : '否') : i.value,
      points: num(i.points),
      max: num(i.max),
      explanation: i.explanation,
      events: i.events.length,
    })
  for (const a of u.adjustments.items)
    ws.addRow({
      category: a.source === 'AppealDecided' ? '申诉复核调整' : '人工调整',
      id: a.indicatorId,
      name: `${a.reason}（${a.approvedBy}）`,
      points: num(a.applied),
      explanation:
        a.note ?? (a.applied === a.points ? '' : `申请 ${a.points} 分，按指标上下限计 ${a.applied} 分`),
    })
  const total = ws.addRow({
    category: '总分',
    name: `第 ${u.rank} 名 · ${u.grade}${marks(u) ? ` · ${marks(u)}` : ''}`,
    points: num(u.total),
  })
  total.font = { bold: true }
}

const bytes = async (wb: ExcelJS.Workbook) => new Uint8Array(await wb.xlsx.writeBuffer())

export const rankingWorkbook = (result: Result, scheme: Scheme): Promise<Uint8Array> => {
  const wb = new ExcelJS.Workbook()
  addRanking(wb, result, scheme)
  return bytes(wb)
}

export const unitWorkbook = (unit: UnitResult, scheme: Scheme): Promise<Uint8Array> => {
  const wb = new ExcelJS.Workbook()
  addUnit(wb, unit, scheme)
  return bytes(wb)
}

/** A published result (SPEC §8): what the report of a publication states about it. */
export interface PublicationInfo {
  readonly n: number
  readonly stage: 'preliminary' | 'final'
  readonly asOf: string
  readonly position: string
  readonly sha256: string
  /** What the hash covers (core `SealForm`); absent for a publication that predates the forms. */
  readonly seal?: string
  readonly appealUntil?: string
  readonly docNumber?: string
  /** Appeals upheld (or partly) by the publication: unit, indicator, reason, decision reason, adjustment. */
  readonly upheld: ReadonlyArray<{
    readonly unitId: string
    readonly indicatorId: string | null
    readonly reason: string
    readonly decision: string
    readonly adjustment: string | null
  }>
}

export interface Report {
  readonly result: Result
  readonly scheme: Scheme
  readonly eventCount: number
  /** When the report was made (passed in: no clock here). */
  readonly generatedAt: string
  /** When the report is of a publication (`kaoping report --publication N`). */
  readonly publication?: PublicationInfo
}

const addPublication = (wb: ExcelJS.Workbook, p: PublicationInfo, result: Result, scheme: Scheme) => {
  const sheet = wb.addWorksheet('发布与核验')
  sheet.columns = [
    { header: '项目', key: 'k', width: 16 },
    { header: '内容', key: 'v', width: 80 },
  ]
  sheet.getRow(1).font = { bold: true }
  const names = new Map<string, string>(result.units.map((u) => [u.unitId, u.name]))
  const rules = new Map<string, string>((scheme.rules ?? []).map((r) => [r.id, r.name]))
  const rows: Array<readonly [string, string | number]> = [
    ['发布', `第 ${p.n} 次发布（${codeLabel('ResultPublished.stage', p.stage)}）`],
    ...(p.docNumber ? [['文号', p.docNumber] as const] : []),
    ['数据截至', `${beijingTime(p.asOf)}（北京时间）`],
    ...(p.appealUntil ? [['申诉截止', p.appealUntil] as const] : []),
    ['日志位置', p.position],
    ['SHA-256', p.sha256],
    ['哈希范围', sealScopeLabel(p.seal)],
    ['核验', 'kaoping verify --events 导出文件.ndjson（离线重算并比对哈希）'],
  ]
  for (const [k, v] of rows) sheet.addRow({ k, v })
  for (const u of result.units)
    for (const r of u.rulesFired)
      sheet.addRow({
        k: r.kind === 'veto' ? '一票否决' : r.kind === 'zero' ? '计0分' : '不得评为优秀',
        v: `${u.name}：${rules.get(r.id) ?? r.id}（事件 ${r.events.join('、')}）`,
      })
  for (const a of p.upheld)
    sheet.addRow({
      k: '申诉支持',
      v: `${names.get(a.unitId) ?? a.unitId}${a.indicatorId ? ` 指标 ${a.indicatorId}` : ' 整体结果'}：${a.reason} → ${a.decision}${
        a.adjustment ? `（调整 ${a.adjustment} 分）` : ''
      }`,
    })
}

export const reportWorkbook = ({
  result,
  scheme,
  eventCount,
  generatedAt,
  publication,
}: Report): Promise<Uint8Array> => {
  const wb = new ExcelJS.Workbook()
  addRanking(wb, result, scheme)
  if (publication) addPublication(wb, publication, result, scheme)
  for (const u of result.units) addUnit(wb, u, scheme)
  const audit = wb.addWorksheet('审计')
  audit.columns = [
    { header: '项目', key: 'k', width: 16 },
    { header: '内容', key: 'v', width: 70 },
  ]
  audit.getRow(1).font = { bold: true }
  for (const [k, v] of [
    ['考核办法', `${scheme.title}（${result.schemeId}）`],
    ['版本', result.version],
    [
      '截至',
      /^\d{4}-\d{2}-\d{2}$/.test(result.asOf)
        ? `${result.asOf}（按发生日期）`
        : `${beijingTime(result.asOf)}（北京时间）`,
    ],
    ['依据', result.basis === 'occurred' ? '按发生日期' : '按记录时间'],
    ['事件数', eventCount],
    ['生成时间', `${beijingTime(generatedAt)}（北京时间）`],
    [
      '说明',
      '同样的事件与考核办法重放，得到逐字节相同的结果；每一分都可追溯到事件（见各单位工作表的事件数与网页明细）。',
    ],
  ] as const)
    audit.addRow({ k, v })
  return bytes(wb)
}
