/** @module A problem in a spreadsheet: where (sheet, row, column and its header) and what, in Chinese. */
export interface SheetIssue {
  readonly sheet: string
  /** 1-based, as Excel shows it; 0 for a problem with the file or sheet as a whole. */
  readonly row: number
  /** Excel letters (`D`), or empty when the problem is the whole row. */
  readonly column: string
  readonly header: string
  readonly message: string
}

export const columnLetter = (index: number): string => {
  let n = index + 1
  let s = ''
  while (n > 0) {
    const r = (n - 1) % 26
    s = String.fromCharCode(65 + r) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

/** `培训!D7（参加人数）：应为非负整数，实际为 -3` */
export const formatSheetIssue = (i: SheetIssue): string =>
  i.row === 0
    ? `${i.sheet}：${i.message}`
    : `${i.sheet}!${i.column}${i.row}${i.header ? `（${i.header}）` : ''}：${i.message}`
