/**
 * @module The import template: an instructions sheet, then one sheet per event type with Chinese headers
 * (`*` = required), dropdowns for closed vocabularies and 是/否 — optionally filled with events (which is how
 * a year's log becomes a workbook people can read, and how the round trip is tested).
 */
import ExcelJS from 'exceljs'
import { toCell } from './cells'
import { choices, ID_HEADER, isBoolean, LAYOUTS } from './layout'
import type { Envelope } from './rows'

const ROWS_WITH_LISTS = 2000

/** exceljs keeps a sheet's validations by address or range (its typings omit the property). */
const validations = (ws: ExcelJS.Worksheet) =>
  (ws as unknown as { dataValidations: { add: (range: string, v: ExcelJS.DataValidation) => void } })
    .dataValidations

const INSTRUCTIONS = [
  '考评 · 事件导入模板',
  '每个工作表记录一类事件，每行一条。表头带 * 的列必填；其余可空。',
  '日期写作 2017-03-01（或 Excel 日期）；是/否 列填“是”或“否”；带下拉列表的列从列表中选择（也可填英文代码）。',
  '“事件编号”可空：填写 UUID 后重复导入同一文件不会重复记录。',
  '导入：pnpm kaoping import 文件.xlsx，或在网页上传。任何一行有误，整个文件都不会写入，并列出每处问题的工作表、行和列。',
  '顺序：先登记单位，再记录事实；同一案件的立案须在开庭、判决、结案之前（按工作表顺序、行的先后导入）。',
]

export const templateWorkbook = async (events: ReadonlyArray<Envelope> = []): Promise<Uint8Array> => {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'kaoping'
  const about = wb.addWorksheet('说明')
  INSTRUCTIONS.forEach((line, i) => {
    about.getCell(`A${i + 1}`).value = line
  })
  about.getColumn(1).width = 110
  about.getRow(1).font = { bold: true, size: 14 }
  for (const layout of LAYOUTS) {
    const ws = wb.addWorksheet(layout.name, { views: [{ state: 'frozen', ySplit: 1 }] })
    ws.columns = [
      { header: ID_HEADER, key: 'id', width: 38 },
      ...layout.columns.map((c) => ({
        header: c.header,
        key: c.field,
        width: Math.max(12, c.header.length * 2 + 4),
      })),
    ]
    ws.getRow(1).font = { bold: true }
    layout.columns.forEach((c, i) => {
      const letter = ws.getColumn(i + 2).letter
      const list = isBoolean(c) ? ['是', '否'] : choices(c)
      if (list)
        validations(ws).add(`${letter}2:${letter}${ROWS_WITH_LISTS}`, {
          type: 'list',
          allowBlank: !c.required,
          formulae: [`"${list.join(',')}"`],
          showErrorMessage: true,
          errorTitle: '取值无效',
          error: `请从列表中选择：${list.join('、')}`,
        })
    })
    for (const e of events.filter((x) => x.type === layout.type))
      ws.addRow({
        id: e.id ?? '',
        ...Object.fromEntries(
          layout.columns.flatMap((c) => (c.field in e.data ? [[c.field, toCell(c, e.data[c.field])]] : []))
        ),
      })
  }
  return new Uint8Array(await wb.xlsx.writeBuffer())
}
