/**
 * @module Reads a filled template: every sheet named after an event type, row 1 the headers (in any order;
 * `*` optional), one event per non-empty row. All problems are reported, or the events in log order (sheets
 * in catalog order, rows top to bottom). The hidden code sheet holds no events: it is where units, schemes
 * and indicators are looked up by name, with the units the file registers itself.
 */

import ExcelJS from 'exceljs'
import * as E from 'fp-ts/Either'
import { correctionsAfterTargets } from './batch-order'
import { type EvidenceByName, isBlank, type Raw } from './cells'
import { CODE_SHEET, type CodeTables, readCodeSheet, registered } from './code-tables'
import { columnLetter, type SheetIssue } from './issue'
import { FIELD_LABELS, ID_HEADER, LAYOUTS, layoutOfSheet } from './layout'
import { MAX_COLUMNS, MAX_ROWS, refusalIssue } from './limits'
import { decodeRow, type SheetEvent } from './rows'
import { checkXlsxArchive } from './xlsx-archive'

const FILE = '（文件）'

const plain = (v: ExcelJS.CellValue): Raw => {
  if (v === null || v === undefined) return undefined
  if (typeof v === 'object' && !(v instanceof Date)) {
    if ('result' in v) return plain(v.result as ExcelJS.CellValue)
    if ('richText' in v) return v.richText.map((r) => r.text).join('')
    if ('text' in v) return String(v.text)
    return undefined
  }
  return v as Raw
}

/** Header text → field, accepting the label with or without `*`. */
export const headerMap = (
  layoutName: string,
  headers: ReadonlyArray<string>,
  sheet: string
): E.Either<SheetIssue[], { columns: Map<string, number>; idColumn: number | undefined }> => {
  const layout = layoutOfSheet(layoutName)!
  const byLabel = new Map(layout.columns.map((c) => [c.header.replace('*', ''), c.field] as const))
  const columns = new Map<string, number>()
  let idColumn: number | undefined
  const issues: SheetIssue[] = []
  headers.forEach((h, i) => {
    const label = h.trim().replace(/\*$/, '')
    if (label === '') return
    if (label === ID_HEADER || label === '事件编号') idColumn = i
    else if (byLabel.has(label)) columns.set(byLabel.get(label)!, i)
    else
      issues.push({
        sheet,
        row: 1,
        column: columnLetter(i),
        header: label,
        message: `未知列（本表可用：${layout.columns.map((c) => FIELD_LABELS[c.field] ?? c.field).join('、')}）`,
      })
  })
  for (const c of layout.columns)
    if (c.required && !columns.has(c.field))
      issues.push({
        sheet,
        row: 1,
        column: '',
        header: c.header,
        message: `缺少必填列 ${c.header.replace('*', '')}`,
      })
  return issues.length > 0 ? E.left(issues) : E.right({ columns, idColumn })
}

export const readEventWorkbook = async (
  bytes: Uint8Array,
  /** The files provided with the workbook, by name, for its 佐证材料 column. */
  evidence?: EvidenceByName
): Promise<E.Either<SheetIssue[], SheetEvent[]>> => {
  // The archive first: exceljs inflates every entry whole, trusting the sizes it declares.
  const refused = checkXlsxArchive(bytes)
  if (refused) return E.left([refusalIssue(FILE, refused)])
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer)
  } catch (e) {
    return E.left([
      {
        sheet: FILE,
        row: 0,
        column: '',
        header: '',
        message: `不是有效的 XLSX 文件：${(e as Error).message}`,
      },
    ])
  }
  const issues: SheetIssue[] = []
  const bySheet = new Map<string, SheetEvent[]>()
  let codes: CodeTables = readCodeSheet(workbook.getWorksheet(CODE_SHEET))
  // In catalog order, so the units registered in the file are known by name to the sheets after theirs; the code
  // sheet, the instructions and the user's own notes are no event type's.
  const sheets = workbook.worksheets
    .flatMap((ws) => {
      const layout = layoutOfSheet(ws.name)
      return layout ? [{ ws, layout }] : []
    })
    .sort((a, b) => LAYOUTS.indexOf(a.layout) - LAYOUTS.indexOf(b.layout))
  // Every event sheet's rows count, blank or not: the cap is on what exceljs has parsed, before any is decoded.
  if (sheets.reduce((n, { ws }) => n + Math.max(0, ws.actualRowCount - 1), 0) > MAX_ROWS)
    return E.left([refusalIssue(FILE, { _tag: 'TooManyRows' })])
  for (const { ws, layout } of sheets) {
    // A sparse array up to row 1's last non-empty cell: its length is the header's width.
    const values = (ws.getRow(1).values as ExcelJS.CellValue[]) ?? []
    if (values.length - 1 > MAX_COLUMNS) {
      issues.push(refusalIssue(ws.name, { _tag: 'TooManyColumns', row: 1, columns: values.length - 1 }))
      continue
    }
    const headers = Array.from(values.slice(1), (v) => String(plain(v) ?? ''))
    const map = headerMap(ws.name, headers, ws.name)
    if (E.isLeft(map)) {
      issues.push(...map.left)
      continue
    }
    const events: SheetEvent[] = []
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber === 1) return
      // findCell, not getCell: getCell creates the cell it is asked for. A row is looked at only up to the
      // header's width (at most MAX_COLUMNS) or its own last cell, whichever comes first.
      const cell = (i: number): Raw => plain(row.findCell(i + 1)?.value)
      const width = Math.min(headers.length, row.cellCount)
      let blank = true
      for (let i = 0; i < width && blank; i++) blank = isBlank(cell(i))
      if (blank) return
      const decoded = decodeRow(
        layout,
        { sheet: ws.name, row: rowNumber, ...map.right },
        cell,
        evidence,
        codes
      )
      if (E.isLeft(decoded)) issues.push(...decoded.left)
      else {
        events.push({ envelope: decoded.right, sheet: ws.name, row: rowNumber, columns: map.right.columns })
        codes = registered(codes, decoded.right)
      }
    })
    bySheet.set(layout.name, events)
  }
  if (issues.length > 0) return E.left(issues)
  return E.right(correctionsAfterTargets(LAYOUTS.flatMap((l) => bySheet.get(l.name) ?? [])))
}
