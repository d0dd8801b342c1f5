/** @module `kaoping template [--out 事件导入模板.xlsx]`: writes the spreadsheet template for importing events. */
import { writeFileSync } from 'node:fs'
import { templateWorkbook } from '@kaoping/sheets'
import { parse } from '../lib/args'

export const TEMPLATE_USAGE = '用法：kaoping template [--out 事件导入模板.xlsx]'

export const template = async (argv: ReadonlyArray<string>): Promise<string> => {
  const { values } = parse(argv, { out: { type: 'string', default: '事件导入模板.xlsx' } }, TEMPLATE_USAGE)
  writeFileSync(values.out!, await templateWorkbook())
  return `已写入导入模板：${values.out}\n`
}
