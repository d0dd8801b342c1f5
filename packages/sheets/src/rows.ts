/**
 * @module One spreadsheet row → one event envelope, checked by the core codecs; each problem is placed at its
 * sheet, row and column. The same code serves workbooks and CSV files.
 */

import { decodeEvent, Uuid } from '@kaoping/core'
import * as E from 'fp-ts/Either'
import { type EvidenceByName, evidenceNames, fromCell, isBlank, type Raw } from './cells'
import { type CodeTables, NO_CODES, resolveCode } from './code-tables'
import { columnLetter, type SheetIssue } from './issue'
import { choices, EVIDENCE_FIELD, type SheetLayout } from './layout'
import { NEW_CODE_RULE } from './vocabulary'

export interface Envelope {
  readonly id?: string
  readonly type: string
  readonly data: Record<string, unknown>
}

/** An event read from a spreadsheet, and where it came from (to place the log's objections on the row). */
export interface SheetEvent {
  readonly envelope: Envelope
  readonly sheet: string
  readonly row: number
  readonly columns: ReadonlyMap<string, number>
}

export interface Located {
  readonly sheet: string
  readonly row: number
  /** Where each field's column is (0-based), and the id column if any. */
  readonly columns: ReadonlyMap<string, number>
  readonly idColumn: number | undefined
}

export const decodeRow = (
  layout: SheetLayout,
  at: Located,
  cell: (index: number) => Raw,
  /** The files provided with the spreadsheet, for its 佐证材料 column (none: every name there is a problem). */
  evidence: EvidenceByName = new Map(),
  /** Units, schemes and indicators by name (the workbook's code sheet, units registered in the file). */
  codes: CodeTables = NO_CODES
): E.Either<SheetIssue[], Envelope> => {
  const issue = (field: string | undefined, message: string): SheetIssue => {
    const index = field === undefined ? at.idColumn : at.columns.get(field)
    const column = layout.columns.find((c) => c.field === field)
    return {
      sheet: at.sheet,
      row: at.row,
      column: index === undefined ? '' : columnLetter(index),
      header: field === undefined ? '事件编号' : (column?.header.replace('*', '') ?? field),
      message,
    }
  }
  const data: Record<string, unknown> = {}
  const issues: SheetIssue[] = []
  for (const column of layout.columns) {
    const index = at.columns.get(column.field)
    const v = index === undefined ? undefined : cell(index)
    if (isBlank(v)) continue
    if (column.field !== EVIDENCE_FIELD) data[column.field] = fromCell(column, v)
    else {
      const names = evidenceNames(v)
      for (const name of names.filter((n) => !evidence.has(n)))
        issues.push(
          issue(
            EVIDENCE_FIELD,
            `佐证材料 ${name} 未随表格提供（同名文件须放在 kaoping import 的 --evidence 目录中一起导入；网页上传表格暂不能附带文件，请改用接口上传后在事件中引用）`
          )
        )
      data[column.field] = names.flatMap((name) =>
        evidence.has(name) ? [{ sha256: evidence.get(name)!, name }] : []
      )
    }
  }
  // Names to codes: the unit and the scheme first, since an indicator's name is looked up in the row's scheme.
  const placed = new Set<string>()
  const byName = layout.columns.filter((c) => c.table !== undefined)
  for (const column of [
    ...byName.filter((c) => c.table !== 'indicator'),
    ...byName.filter((c) => c.table === 'indicator'),
  ]) {
    const v = data[column.field]
    if (typeof v !== 'string') continue
    const code = resolveCode(codes, column, v, data.schemeId)
    if (E.isRight(code)) data[column.field] = code.right
    else {
      issues.push(issue(column.field, code.left))
      placed.add(column.field)
    }
  }
  const rawId = at.idColumn === undefined ? undefined : cell(at.idColumn)
  const id = isBlank(rawId) ? undefined : String(rawId).trim()
  if (id !== undefined && E.isLeft(Uuid.decode(id))) issues.push(issue(undefined, `应为 UUID，实际为 ${id}`))
  const decoded = decodeEvent(layout.type, data)
  if (E.isLeft(decoded))
    for (const i of decoded.left) {
      const field = i.path.replace(/^data\.?/, '').split('.')[0] ?? ''
      if (placed.has(field)) continue
      const column = layout.columns.find((c) => c.field === field)
      const names = column && data[field] !== undefined ? choices(column) : undefined
      // A vocabulary is named to people in Chinese, as the template's dropdown shows it; an open one takes a new code.
      const message =
        names && column?.labels
          ? `应为以下之一：${names.join('、')}，实际为 ${JSON.stringify(data[field])}`
          : column?.open && column.labels && data[field] !== undefined
            ? `应为已知的${column.header.replace('*', '')}（${Object.values(column.labels).join('、')}）或新的${NEW_CODE_RULE}，实际为 ${JSON.stringify(data[field])}`
            : i.message
      issues.push(issue(field || undefined, message))
    }
  if (issues.length > 0) return E.left(issues)
  return E.right({ ...(id ? { id } : {}), type: layout.type, data })
}
