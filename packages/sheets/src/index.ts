/** @module @kaoping/sheets — spreadsheets in and out: the import template and its reader (XLSX, CSV), and results as workbooks. */
export { formatSheetIssue, type SheetIssue } from './issue'
export { LAYOUTS } from './layout'
export { placeIssues } from './place'
export { readEventCsv } from './read-csv'
export { readEventWorkbook } from './read-workbook'
export { type Report, rankingWorkbook, reportWorkbook, unitWorkbook } from './report'
export type { Envelope, SheetEvent } from './rows'
export { templateWorkbook } from './template'
