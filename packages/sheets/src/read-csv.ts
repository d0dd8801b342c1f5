/**
 * @module Events from a CSV file (UTF-8, with or without BOM): a `类型` column names each row's event type
 * (its Chinese label, as on the template's sheet tabs, or its code such as `TrainingHeld`), an optional
 * `事件编号` column, then any of the template's headers. Rows are taken in file order. Work is linear in the
 * file: the header is mapped once per event type, a row is looked at only up to its own last cell, and the
 * header's width and the number of rows are capped (limits.ts) as the file is parsed.
 */
import { parse } from 'csv-parse/sync'
import * as E from 'fp-ts/Either'
import type { EvidenceByName } from './cells'
import { type CodeTables, NO_CODES, registered } from './code-tables'
import type { SheetIssue } from './issue'
import { columnLetter } from './issue'
import { FIELD_LABELS, ID_HEADER, LAYOUTS, type SheetLayout } from './layout'
import { type FileRefusal, MAX_COLUMNS, MAX_ROWS, refusalIssue } from './limits'
import { decodeRow, type SheetEvent } from './rows'

const SHEET = 'CSV'

/**
 * The first record over a cap, found before csv-parse is given the text. csv-parse calls back only once a record
 * is whole (8 MiB of commas is one record of 8 million fields: 3.7 s), and its per-field hook costs 5× on every
 * honest file, so the fields and records are counted here, stopping at the first over a cap: a delimiter counts
 * outside quotes only, and a record ends at csv-parse's record delimiter (the first of \r\n, \n or \r met
 * outside quotes; the others are then a field's characters). Where the file is well formed this is csv-parse's
 * own reading; where it is not, csv-parse stops at the first fault with its own error. The record hook below
 * checks again, exactly.
 */
const overCap = (text: string): FileRefusal | undefined => {
  let delimiter: string | undefined
  let quoted = false
  let fields = 1
  let records = 0
  let empty = true
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x22) quoted = !quoted
    if (quoted || c === 0x22) empty = false
    else if (c === 0x2c) {
      if (++fields > MAX_COLUMNS) return { _tag: 'TooManyColumns', row: records + 1 }
      empty = false
    } else if (c === 0x0a || c === 0x0d) {
      delimiter ??= c === 0x0a ? '\n' : text.charCodeAt(i + 1) === 0x0a ? '\r\n' : '\r'
      if (!text.startsWith(delimiter, i)) {
        empty = false
        continue
      }
      i += delimiter.length - 1
      // skip_empty_lines: a line with nothing on it is no record.
      if (!empty && ++records > MAX_ROWS + 1) return { _tag: 'TooManyRows' }
      fields = 1
      empty = true
    } else empty = false
  }
  return undefined
}

/** Thrown from the parser's record hook to stop the parse at the first record over a cap. */
class Refused extends Error {
  constructor(readonly refusal: FileRefusal) {
    super(refusal._tag)
  }
}

/** A row's type by its code or its sheet's name (the first layout so called, as a search in LAYOUTS finds it). */
const BY_TYPE_TEXT = new Map<string, SheetLayout>()
for (const l of LAYOUTS)
  for (const text of [l.type, l.name]) if (!BY_TYPE_TEXT.has(text)) BY_TYPE_TEXT.set(text, l)

/** Where a type's fields are in this header, and which columns (ascending) it has no field for. */
interface Mapping {
  readonly columns: ReadonlyMap<string, number>
  readonly unknown: ReadonlyArray<number>
}

export const readEventCsv = (
  text: string,
  /** The files provided with the file, by name, for its 佐证材料 column. */
  evidence?: EvidenceByName
): E.Either<SheetIssue[], SheetEvent[]> => {
  const refused = overCap(text)
  if (refused) return E.left([refusalIssue(SHEET, refused)])
  let rows: string[][]
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), {
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (record: string[], { records }) => {
        if (record.length > MAX_COLUMNS)
          throw new Refused({ _tag: 'TooManyColumns', row: records, columns: record.length })
        if (records > MAX_ROWS + 1) throw new Refused({ _tag: 'TooManyRows' })
        return record
      },
    }) as string[][]
  } catch (e) {
    if (e instanceof Refused) return E.left([refusalIssue(SHEET, e.refusal)])
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
  const mappings = new Map<SheetLayout, Mapping>()
  const mappingOf = (layout: SheetLayout): Mapping => {
    const known = mappings.get(layout)
    if (known) return known
    const byLabel = new Map(layout.columns.map((c) => [FIELD_LABELS[c.field] ?? c.field, c.field] as const))
    const columns = new Map<string, number>()
    const unknown: number[] = []
    labels.forEach((l, k) => {
      const field = byLabel.get(l)
      if (field) columns.set(field, k)
      else if (k !== typeColumn && k !== idIndex) unknown.push(k)
    })
    const mapping = { columns, unknown }
    mappings.set(layout, mapping)
    return mapping
  }
  const issues: SheetIssue[] = []
  const events: SheetEvent[] = []
  // No code table travels with a CSV file: units by code or `名称（代码）`, or by the name a row above registered.
  let codes: CodeTables = NO_CODES
  body.forEach((cells, i) => {
    const row = i + 2
    const typeText = (cells[typeColumn] ?? '').trim()
    const layout = BY_TYPE_TEXT.get(typeText)
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
    const { columns, unknown } = mappingOf(layout)
    for (const k of unknown) {
      if (k >= cells.length) break
      if (cells[k]!.trim() !== '')
        issues.push({
          sheet: SHEET,
          row,
          column: columnLetter(k),
          header: labels[k]!,
          message: `${layout.name} 没有此列`,
        })
    }
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
