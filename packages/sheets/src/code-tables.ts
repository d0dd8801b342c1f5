/**
 * @module The codes a clerk should not have to know: the registry's units, the published schemes (the latest
 * version of each) and their indicators, each shown as `名称（代码）`. The template writes them, with every
 * vocabulary's list, into a hidden sheet (`代码表`) its dropdowns refer to (an inline list is limited to 255
 * characters), and the reader takes a cell's name, `名称（代码）` or code back to the code.
 */
import type ExcelJS from 'exceljs'
import * as E from 'fp-ts/Either'
import { columnLetter } from './issue'
import type { CodeTableName, Column } from './layout'
import type { Envelope } from './rows'

interface NamedIndicator {
  readonly id: string
  readonly name: string
}

/** What the template is given to offer: the registry's units, and the published schemes (any versions). */
export interface Registry {
  readonly units?: ReadonlyArray<{ readonly unitId: string; readonly name: string }>
  readonly schemes?: ReadonlyArray<{
    readonly schemeId: string
    readonly version: number
    readonly title: string
    readonly categories: ReadonlyArray<{ readonly indicators: ReadonlyArray<NamedIndicator> }>
    readonly bonus?: { readonly indicators: ReadonlyArray<NamedIndicator> }
  }>
}

export interface CodeEntry {
  readonly code: string
  readonly name: string
  /** An indicator's scheme. */
  readonly scheme?: string
}

export type CodeTables = Readonly<Record<CodeTableName, ReadonlyArray<CodeEntry>>>

export const NO_CODES: CodeTables = { unit: [], scheme: [], indicator: [] }

/** As the dropdown shows an entry: `利州区（lizhou）`. */
export const withCode = (e: CodeEntry): string => `${e.name}（${e.code}）`

/** The units in the registry order; the latest version of each scheme, with its indicators and bonus items. */
export const codeTables = (registry: Registry = {}): CodeTables => {
  const latest = new Map<string, NonNullable<Registry['schemes']>[number]>()
  for (const s of registry.schemes ?? [])
    if ((latest.get(s.schemeId)?.version ?? -Infinity) < s.version) latest.set(s.schemeId, s)
  const schemes = [...latest.values()]
  return {
    unit: (registry.units ?? []).map((u) => ({ code: u.unitId, name: u.name })),
    scheme: schemes.map((s) => ({ code: s.schemeId, name: s.title })),
    indicator: schemes.flatMap((s) =>
      [...s.categories.flatMap((c) => c.indicators), ...(s.bonus?.indicators ?? [])].map((i) => ({
        code: i.id,
        name: i.name,
        scheme: s.schemeId,
      }))
    ),
  }
}

/** A unit registered by a row of the file itself joins the registry it was made with, for the rows after it. */
export const registered = (tables: CodeTables, e: Envelope): CodeTables => {
  const { unitId, name } = e.data
  if (e.type !== 'UnitRegistered' || typeof unitId !== 'string' || typeof name !== 'string') return tables
  return tables.unit.some((u) => u.code === unitId)
    ? tables
    : { ...tables, unit: [...tables.unit, { code: unitId, name }] }
}

/** The entry a filled cell shows: an indicator of the row's scheme if there is one, else the first by code. */
export const entryOf = (
  tables: CodeTables,
  table: CodeTableName,
  code: string,
  schemeId: unknown
): CodeEntry | undefined => {
  const entries = tables[table].filter((e) => e.code === code)
  return entries.find((e) => e.scheme === schemeId) ?? entries[0]
}

const NOUN: Readonly<Record<CodeTableName, { readonly what: string; readonly code: string }>> = {
  unit: { what: '已登记单位', code: '单位代码' },
  scheme: { what: '已发布的考核办法', code: '考核办法代码' },
  indicator: { what: '指标', code: '指标代码' },
}

/** `名称（代码）`: the last bracketed part is the code (a scheme's title may have brackets of its own). */
const WITH_CODE = /^(.+?)\s*[（(]\s*([^（）()\s]+)\s*[)）]$/

/**
 * A cell of a unit, scheme or indicator column as its code: a code, a name, or `名称（代码）`. A name matching
 * no entry is a problem (in Chinese) when the file has a table to look it up in; without one (a CSV file, a
 * template made without the registry) the value is left to the codec and the log.
 */
export const resolveCode = (
  tables: CodeTables,
  column: Column,
  value: string,
  /** The row's scheme, to tell apart indicators of the same name in two schemes. */
  schemeId?: unknown
): E.Either<string, string> => {
  const { table } = column
  if (table === undefined) return E.right(value)
  const entries = tables[table]
  if (entries.some((e) => e.code === value)) return E.right(value)
  const named = entries.filter((e) => e.name === value)
  if (named.length > 0) {
    const ofScheme = named.filter((e) => e.scheme === schemeId)
    const codes = [...new Set((ofScheme.length > 0 ? ofScheme : named).map((e) => e.code))]
    return codes.length === 1
      ? E.right(codes[0]!)
      : E.left(
          `“${value}”对应多个${NOUN[table].code}（${codes.join('、')}），请填写“名称（代码）”或${NOUN[table].code}`
        )
  }
  const form = WITH_CODE.exec(value)
  if (form) {
    const [, name, code] = form as unknown as [string, string, string]
    const known = entries.filter((e) => e.code === code)
    if (known.length > 0 && !known.some((e) => e.name === name))
      return E.left(`“${value}”的名称与代码不符：${code} 是“${known[0]!.name}”`)
    return E.right(code)
  }
  if (entries.length === 0 || E.isRight(column.codec.decode(value))) return E.right(value)
  return E.left(`没有名为“${value}”的${NOUN[table].what}（请从下拉列表中选择，或填写${NOUN[table].code}）`)
}

/** The hidden sheet of every dropdown's list. */
export const CODE_SHEET = '代码表'

const TITLES: Readonly<Record<CodeTableName, string>> = {
  unit: '单位',
  scheme: '考核办法',
  indicator: '指标',
}

/** One dropdown's list: what it shows, and the code beside each (an indicator's scheme too). */
export interface CodeList {
  readonly title: string
  readonly rows: ReadonlyArray<{ readonly label: string; readonly code: string; readonly scheme?: string }>
}

export const tableList = (tables: CodeTables, table: CodeTableName): CodeList => ({
  title: TITLES[table],
  rows: tables[table].map((e) => ({
    label: withCode(e),
    code: e.code,
    ...(e.scheme === undefined ? {} : { scheme: e.scheme }),
  })),
})

/**
 * Writes the lists side by side — title, then the labels shown, the codes, and an indicator's scheme — and
 * answers each list's range as a dropdown refers to it (`'代码表'!$A$2:$A$13`), in the order given.
 */
export const writeCodeSheet = (wb: ExcelJS.Workbook, lists: ReadonlyArray<CodeList>): string[] => {
  const ws = wb.addWorksheet(CODE_SHEET, { state: 'hidden' })
  let at = 0
  return lists.map((list) => {
    const withScheme = list.rows.some((r) => r.scheme !== undefined)
    const [label, code, scheme] = [at, at + 1, at + 2].map(columnLetter) as [string, string, string]
    ws.getCell(`${label}1`).value = list.title
    ws.getCell(`${code}1`).value = `${list.title}代码`
    if (withScheme) ws.getCell(`${scheme}1`).value = '所属考核办法代码'
    list.rows.forEach((r, i) => {
      ws.getCell(`${label}${i + 2}`).value = r.label
      ws.getCell(`${code}${i + 2}`).value = r.code
      if (r.scheme !== undefined) ws.getCell(`${scheme}${i + 2}`).value = r.scheme
    })
    ws.getColumn(at + 1).width = Math.min(60, Math.max(12, ...list.rows.map((r) => r.label.length * 2)))
    at += withScheme ? 4 : 3
    return `'${CODE_SHEET}'!$${label}$2:$${label}$${list.rows.length + 1}`
  })
}

const text = (v: ExcelJS.CellValue): string => (v === null || v === undefined ? '' : String(v).trim())

/** The unit, scheme and indicator tables of a workbook's code sheet (none: empty tables). */
export const readCodeSheet = (ws: ExcelJS.Worksheet | undefined): CodeTables => {
  if (!ws) return NO_CODES
  const tables: Record<CodeTableName, CodeEntry[]> = { unit: [], scheme: [], indicator: [] }
  const titles = ws.getRow(1)
  for (const table of Object.keys(TITLES) as CodeTableName[])
    titles.eachCell((cell, col) => {
      if (text(cell.value) !== TITLES[table]) return
      for (let row = 2; row <= ws.rowCount; row++) {
        const label = text(ws.getCell(row, col).value)
        const code = text(ws.getCell(row, col + 1).value)
        if (label === '' || code === '') break
        const suffix = `（${code}）`
        const scheme = text(ws.getCell(row, col + 2).value)
        tables[table].push({
          code,
          name: label.endsWith(suffix) ? label.slice(0, -suffix.length) : label,
          ...(table === 'indicator' && scheme !== '' ? { scheme } : {}),
        })
      }
    })
  return tables
}
