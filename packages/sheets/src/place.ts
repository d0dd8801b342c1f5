/**
 * @module The log's objections to a batch read from a spreadsheet (`events.12.data.caseId: 案件不存在`) placed
 * back on the sheet, row and column they came from.
 */
import type { Issue } from '@kaoping/core'
import { columnLetter, type SheetIssue } from './issue'
import { FIELD_LABELS } from './layout'
import type { SheetEvent } from './rows'

export const placeIssues = (issues: ReadonlyArray<Issue>, events: ReadonlyArray<SheetEvent>): SheetIssue[] =>
  issues.map((i) => {
    const m = /^events\.(\d+)(?:\.(.*))?$/.exec(i.path)
    const at = m ? events[Number(m[1])] : undefined
    if (!at)
      return {
        sheet: '（文件）',
        row: 0,
        column: '',
        header: '',
        message: i.path ? `${i.path}: ${i.message}` : i.message,
      }
    const field = (m?.[2] ?? '').replace(/^data\.?/, '').split('.')[0] ?? ''
    const index = at.columns.get(field)
    return {
      sheet: at.sheet,
      row: at.row,
      column: index === undefined ? '' : columnLetter(index),
      header: field ? (FIELD_LABELS[field] ?? field) : '',
      message: i.message,
    }
  })
