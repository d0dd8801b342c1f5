/**
 * @module The import template: an instructions sheet, then one sheet per event type with Chinese headers
 * (`*` = required), dropdowns for vocabularies, 是/否 and — given the registry and the published schemes — units,
 * schemes and indicators, their lists kept in a hidden code sheet; optionally filled with events (which is how
 * a year's log becomes a workbook people can read, and how the round trip is tested).
 */

import ExcelJS from 'exceljs'
import { toCell } from './cells'
import {
  type CodeList,
  type CodeTables,
  codeTables,
  entryOf,
  type Registry,
  tableList,
  withCode,
  writeCodeSheet,
} from './code-tables'
import {
  type CodeTableName,
  type Column,
  FIELD_LABELS,
  ID_HEADER,
  isBoolean,
  LAYOUTS,
  type SheetLayout,
  vocabulary,
} from './layout'
import type { Envelope } from './rows'
import { NEW_CODE_RULE } from './vocabulary'

const ROWS_WITH_LISTS = 2000

/** exceljs keeps a sheet's validations by address or range (its typings omit the property). */
const validations = (ws: ExcelJS.Worksheet) =>
  (ws as unknown as { dataValidations: { add: (range: string, v: ExcelJS.DataValidation) => void } })
    .dataValidations

const INSTRUCTIONS = [
  '考评 · 事件导入模板',
  '每个工作表记录一类事件，每行一条。表头带 * 的列必填；其余可空。',
  '日期写作 2017-03-01（或 Excel 日期）；是/否 列填“是”或“否”；类别等带下拉列表的列从列表中选择（导入时也认英文代码）。',
  '单位、考核办法、指标列的下拉列表是生成模板时已登记的单位和已发布的考核办法（最新版）中的指标，显示为“名称（代码）”；可以选择，也可以只填名称或代码。本文件“登记被考核单位”表中新登记的单位也可按名称填写。',
  `文件类别、通报原因、一票否决事项类别列列出已知的类别；没有合适的，可填新的${NEW_CODE_RULE}，如 other_plan，Excel 提示“不在下拉列表中”时选“是”继续。`,
  '“事件编号”可空：不填时按单位、事件类型和活动、案件等编号生成，重复导入同一文件或追加了行的文件，只写入新的行。',
  '导入：pnpm kaoping import 文件.xlsx，或在网页上传。任何一行有误，整个文件都不会写入，并列出每处问题的工作表、行和列。',
  '顺序：先登记单位，再记录事实；同一案件的立案须在开庭、判决、结案之前（按工作表顺序、行的先后导入）。',
  '隐藏的“代码表”工作表存放下拉列表的内容及其代码，请勿修改。',
]

/** A dropdown's list and how strictly it holds: a code table or an open vocabulary only warns. */
interface Dropdown {
  readonly key: string
  readonly list: CodeList
  readonly strict: boolean
}

const dropdownOf = (layout: SheetLayout, c: Column, tables: CodeTables): Dropdown | undefined => {
  const field = FIELD_LABELS[c.field] ?? c.field
  if (isBoolean(c))
    return {
      key: '是/否',
      list: {
        title: '是/否',
        rows: [
          { label: '是', code: 'true' },
          { label: '否', code: 'false' },
        ],
      },
      strict: true,
    }
  if (c.table)
    return tables[c.table].length === 0
      ? undefined
      : { key: c.table, list: tableList(tables, c.table), strict: false }
  const key = `${layout.type}.${c.field}`
  const title = `${field}（${layout.name}）`
  if (c.open && c.labels)
    return {
      key,
      list: { title, rows: Object.entries(c.labels).map(([code, label]) => ({ label, code })) },
      strict: false,
    }
  const codes = vocabulary(c.codec)
  return codes
    ? {
        key,
        list: { title, rows: codes.map((code) => ({ label: c.labels?.[code] ?? code, code })) },
        strict: true,
      }
    : undefined
}

/** What a code column takes besides its list (Excel shows at most 255 characters). */
const BEYOND_THE_LIST: Readonly<Record<CodeTableName, string>> = {
  unit: '可填单位名称、“名称（代码）”或单位代码；本文件“登记被考核单位”表中或生成模板后才登记的单位也可填写',
  scheme: '可填考核办法名称、“名称（代码）”或考核办法代码；生成模板后才发布的考核办法也可填写',
  indicator: '可填指标名称、“名称（代码）”或指标代码；生成模板后才发布的指标也可填写',
}

const validation = (c: Column, d: Dropdown, range: string): ExcelJS.DataValidation => {
  const base = { type: 'list' as const, allowBlank: !c.required, formulae: [range], showErrorMessage: true }
  if (d.strict)
    return {
      ...base,
      errorStyle: 'stop',
      errorTitle: '取值无效',
      error: `请从列表中选择：${d.list.rows.map((r) => r.label).join('、')}`,
    }
  const what = c.table ? BEYOND_THE_LIST[c.table] : `新的类别请填写${NEW_CODE_RULE}`
  return {
    ...base,
    errorStyle: 'warning',
    errorTitle: '不在下拉列表中',
    error: `${what}。确定使用此值请选“是”。`,
  }
}

export const templateWorkbook = async (
  events: ReadonlyArray<Envelope> = [],
  /** The units and published schemes the dropdowns offer (none: no unit, scheme or indicator dropdown). */
  registry: Registry = {}
): Promise<Uint8Array> => {
  const tables = codeTables(registry)
  const wb = new ExcelJS.Workbook()
  wb.creator = 'kaoping'
  const about = wb.addWorksheet('说明')
  INSTRUCTIONS.forEach((line, i) => {
    about.getCell(`A${i + 1}`).value = line
  })
  about.getColumn(1).width = 110
  about.getRow(1).font = { bold: true, size: 14 }

  // Every list once, in the order the columns first use it.
  const dropdowns = new Map<string, Dropdown>()
  const columnDropdown = new Map<Column, Dropdown>()
  for (const layout of LAYOUTS)
    for (const c of layout.columns) {
      const d = dropdownOf(layout, c, tables)
      if (!d) continue
      if (!dropdowns.has(d.key)) dropdowns.set(d.key, d)
      columnDropdown.set(c, dropdowns.get(d.key)!)
    }

  const sheets = LAYOUTS.map((layout) => {
    const ws = wb.addWorksheet(layout.name, { views: [{ state: 'frozen', ySplit: 1 }] })
    ws.columns = [
      { header: ID_HEADER, key: 'id', width: 38 },
      ...layout.columns.map((c) => ({
        header: c.header,
        key: c.field,
        width: Math.max(12, c.header.length * 2 + 4, columnDropdown.get(c)?.strict === false ? 24 : 0),
      })),
    ]
    ws.getRow(1).font = { bold: true }
    for (const e of events.filter((x) => x.type === layout.type))
      ws.addRow({
        id: e.id ?? '',
        ...Object.fromEntries(
          layout.columns.flatMap((c) => {
            if (!(c.field in e.data)) return []
            const v = e.data[c.field]
            const entry = c.table ? entryOf(tables, c.table, String(v), e.data.schemeId) : undefined
            return [[c.field, entry ? withCode(entry) : toCell(c, v)]]
          })
        ),
      })
    return { layout, ws }
  })

  const written = writeCodeSheet(
    wb,
    [...dropdowns.values()].map((d) => d.list)
  )
  const rangeOf = new Map([...dropdowns.keys()].map((key, i) => [key, written[i]!] as const))
  for (const { layout, ws } of sheets)
    layout.columns.forEach((c, i) => {
      const d = columnDropdown.get(c)
      if (!d) return
      const letter = ws.getColumn(i + 2).letter
      validations(ws).add(`${letter}2:${letter}${ROWS_WITH_LISTS}`, validation(c, d, rangeOf.get(d.key)!))
    })
  return new Uint8Array(await wb.xlsx.writeBuffer())
}
