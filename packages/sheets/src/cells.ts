/**
 * @module A cell's value as the codecs expect it: dates as YYYY-MM-DD (Excel date cells have no zone; their
 * calendar date is taken as is), 是/否 as booleans, numbers from number cells or numeric text. Anything else
 * is passed on unchanged, so the codec reports it in its own words.
 */
import { type Column, EVIDENCE_FIELD, isBoolean, isNumber } from './layout'

const pad = (n: number) => String(n).padStart(2, '0')

export type Raw = string | number | boolean | Date | null | undefined

export const isBlank = (v: Raw) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '')

export const fromCell = (column: Column, v: Raw): unknown => {
  if (v instanceof Date) return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`
  if (typeof v === 'string') {
    const s = v.trim()
    if (isBoolean(column)) {
      if (['是', 'true', 'TRUE', '1'].includes(s)) return true
      if (['否', 'false', 'FALSE', '0'].includes(s)) return false
    }
    if (isNumber(column) && /^-?\d+(\.\d+)?$/.test(s)) return Number(s)
    // A vocabulary's Chinese name stands for its code.
    const code = column.labels && Object.entries(column.labels).find(([, label]) => label === s)?.[0]
    return code ?? s
  }
  if (typeof v === 'number' && !isNumber(column) && !isBoolean(column)) return String(v)
  return v
}

/**
 * 佐证材料 (SPEC §9): a cell lists file names, separated by ；, ; or line breaks; each names a file provided with
 * the spreadsheet (`kaoping import 表格 --evidence 目录`), whose hash the reader is given (`EvidenceByName`).
 */
/** File name → the SHA-256 of the file provided under that name. */
export type EvidenceByName = ReadonlyMap<string, string>
export const evidenceNames = (v: Raw): string[] =>
  String(v)
    .split(/[\n;；]/)
    .map((s) => s.trim().normalize('NFC'))
    .filter((s) => s !== '')

/** What goes into a cell for a value of this column (the template filler and round trips). */
export const toCell = (column: Column, v: unknown): string | number => {
  if (column.field === EVIDENCE_FIELD && Array.isArray(v))
    return v.map((r) => (r as { name: string }).name).join('；')
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (typeof v === 'number') return v
  return column.labels?.[String(v)] ?? String(v)
}
