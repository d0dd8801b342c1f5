/**
 * @module Events from a CSV file (UTF-8, with or without BOM): a `类型` column names each row's event type
 * (its Chinese label, as on the template's sheet tabs, or its code such as `TrainingHeld`), an optional
 * `事件编号` column, then any of the template's headers. Rows are taken in file order.
 */
import { parse } from 'csv-parse/sync'
import * as E from 'fp-ts/Either'
import type { EvidenceByName } from './cells'
import { type CodeTables, NO_CODES, registered } from './code-tables'
import type { SheetIssue } from './issue'
import { columnLetter } from './issue'
import { FIELD_LABELS, ID_HEADER, LAYOUTS } from './layout'
import { decodeRow, type SheetEvent } from './rows'

const SHEET = 'CSV'

export const readEventCsv = (
  text: string,
  /** The files provided with the file, by name, for its 佐证材料 column. */
  evidence?: EvidenceByName
): E.Either<SheetIssue[], SheetEvent[]> => {
  let rows: string[][]
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), {
      relax_column_count: true,
      skip_empty_lines: true,
    }) as string[][]
  } catch (e) {
    return E.left([
      { sheet: SHEET, row: 0, column: '', header: '', message: `不是有效的 CSV：${(e as Error).message}` },
    ])
  }
  const [headers = [], ...body] = rows
  const labels = headers.map((h) => h.trim().replace(/\*$/, ''))
  const typeColumn = labels.indexOf('类型')
  if (typeColumn < 0)
    return E.left([{ sheet: SHEET, row: 1, column: '', header: '类型', message: '缺少“类型”列' }])
  const idIndex = labels.findIndex((l) => l === ID_HEADER || l === '事件编号')
  const issues: SheetIssue[] = []
  const events: SheetEvent[] = []
  // No code table travels with a CSV file: units by code or `名称（代码）`, or by the name a row above registered.
  let codes: CodeTables = NO_CODES
  body.forEach((cells, i) => {
    const row = i + 2
    const typeText = (cells[typeColumn] ?? '').trim()
    const layout = LAYOUTS.find((l) => l.type === typeText || l.name === typeText)
    if (!layout) {
      issues.push({
        sheet: SHEET,
        row,
        column: columnLetter(typeColumn),
        header: '类型',
        message: `未知事件类型 ${typeText || '（空）'}`,
      })
      return
    }
    const byLabel = new Map(layout.columns.map((c) => [FIELD_LABELS[c.field] ?? c.field, c.field] as const))
    const columns = new Map<string, number>()
    labels.forEach((l, k) => {
      const field = byLabel.get(l)
      if (field) columns.set(field, k)
      else if (k !== typeColumn && k !== idIndex && (cells[k] ?? '').trim() !== '')
        issues.push({
          sheet: SHEET,
          row,
          column: columnLetter(k),
          header: l,
          message: `${layout.name} 没有此列`,
        })
    })
    const decoded = decodeRow(
      layout,
      { sheet: SHEET, row, columns, idColumn: idIndex < 0 ? undefined : idIndex },
      (k) => cells[k],
      evidence,
      codes
    )
    if (E.isLeft(decoded)) issues.push(...decoded.left)
    else {
      events.push({ envelope: decoded.right, sheet: SHEET, row, columns })
      codes = registered(codes, decoded.right)
    }
  })
  return issues.length > 0 ? E.left(issues) : E.right(events)
}
