/**
 * @module How much a spreadsheet may hold, and the refusals when it holds more: hostile input is refused
 * quickly with a 422 (a read problem, as every other), before the work it would cost. Measured against what the
 * repository's own workbooks hold (the template written by `templateWorkbook`; exceljs's output):
 * - the empty template: 43 ZIP entries, 88,586 bytes uncompressed (117,568 with the demo city's units and
 *   schemes in its dropdowns), the largest compression ratio 11.4:1;
 * - the demo city's whole year (6,113 rows, all 14 units): 405 KB compressed, 2,241,748 bytes uncompressed; its
 *   busiest unit's year (利州, 2,381 rows) 956,678 bytes;
 * - 50,000 rows: 13,452,977 bytes uncompressed (≈ 270 bytes a row); exceljs loads them in ≈ 1.9 s, 316 MB RSS;
 * - the widest event sheet has 11 columns; a CSV header naming every field of every sheet, 59.
 * What the caps bound: exceljs keeps every cell of every sheet as an object, so its memory follows the inflated
 * size, not the upload's (the 8 MiB request limit bounds only the compressed bytes). A sheet of tiny cells at
 * 16 MiB (650,000 cells) took 3 s and 450 MB RSS to load; at 32 MiB, 8.7 s and 830 MB — too much for a
 * handful of concurrent uploads in one process.
 */
import type { SheetIssue } from './issue'

/** 16 MiB inflated in all: 7× the demo city's year, and room for the row cap's 50,000 rows (13.5 MB). */
export const MAX_UNCOMPRESSED_BYTES = 16 * 1024 * 1024
/** ZIP entries: the template has 43; an office program adds a few per sheet at most. */
export const MAX_ENTRIES = 1000
/**
 * Compression ratio of an entry above `RATIO_CHECKED_ABOVE`: real XML stays near 10:1 (the template's largest,
 * 11.4:1); a run of spaces deflates at ≈ 1,000:1, which is what a zip bomb is made of.
 */
export const MAX_RATIO = 100
export const RATIO_CHECKED_ABOVE = 1024 * 1024
/** Header columns: an Excel 97–2003 sheet's width (IV), 4× the widest meaningful CSV header (59). */
export const MAX_COLUMNS = 256
/** Data rows in one file: 8× the demo city's whole year (6,113), 20× its busiest unit's (2,381). */
export const MAX_ROWS = 50_000

/** Why a file is refused as a whole, before (or instead of) reading its rows. */
export type FileRefusal =
  | { readonly _tag: 'NotAnArchive'; readonly reason: string }
  | { readonly _tag: 'TooManyEntries'; readonly entries: number }
  | {
      readonly _tag: 'BombRatio'
      readonly entry: string
      readonly compressedBytes: number
      readonly declaredBytes: number
    }
  | { readonly _tag: 'InflatesTooLarge'; readonly declaredBytes: number }
  | { readonly _tag: 'InflatesBeyondDeclared'; readonly entry: string; readonly declaredBytes: number }
  | { readonly _tag: 'CorruptEntry'; readonly entry: string }
  /** How many columns, where known (a CSV record is not read past the cap). */
  | { readonly _tag: 'TooManyColumns'; readonly row: number; readonly columns?: number }
  | { readonly _tag: 'TooManyRows' }

const MIB = 1024 * 1024

export const describeRefusal = (r: FileRefusal): string => {
  switch (r._tag) {
    case 'NotAnArchive':
      return `不是有效的 XLSX 文件：${r.reason}`
    case 'TooManyEntries':
      return `XLSX 压缩包有 ${r.entries} 个条目，超过 ${MAX_ENTRIES} 个的上限`
    case 'BombRatio':
      return `XLSX 压缩包中的 ${r.entry} 声明解压后为 ${r.declaredBytes} 字节，压缩后仅 ${r.compressedBytes} 字节（压缩比超过 ${MAX_RATIO}:1），疑为压缩炸弹，未解压即拒绝`
    case 'InflatesTooLarge':
      return `XLSX 文件声明解压后共 ${r.declaredBytes} 字节，超过 ${MAX_UNCOMPRESSED_BYTES / MIB} MiB 的上限，未解压即拒绝；请删去多余的工作表和行，或分成几个文件导入`
    case 'InflatesBeyondDeclared':
      return `XLSX 压缩包中的 ${r.entry} 解压后超过其声明的 ${r.declaredBytes} 字节，文件已损坏或被篡改`
    case 'CorruptEntry':
      return `XLSX 压缩包中的 ${r.entry} 已损坏，无法解压`
    case 'TooManyColumns':
      return `第 ${r.row} 行${r.columns === undefined ? '' : `有 ${r.columns} 列，`}超过 ${MAX_COLUMNS} 列的上限`
    case 'TooManyRows':
      return `数据超过 ${MAX_ROWS} 行的上限；请分成几个文件导入`
  }
}

/** The refusal as the readers report problems: one issue for the file, or the sheet, as a whole (row 0). */
export const refusalIssue = (sheet: string, r: FileRefusal): SheetIssue => ({
  sheet,
  row: 0,
  column: '',
  header: '',
  message: describeRefusal(r),
})
