/** @module `kaoping template [--out 事件导入模板.xlsx]`: writes the spreadsheet template for importing events. */
import { writeFileSync } from 'node:fs'
import { templateWorkbook } from '@kaoping/sheets'
import { parseCommand } from '../lib/args'
import { UsageError } from '../lib/cli-error'
import { describeFileError } from '../lib/file-error'
import { TEMPLATE } from '../lib/specs/template'

export const template = async (argv: ReadonlyArray<string>): Promise<string> => {
  const { values } = parseCommand(TEMPLATE, argv)
  const bytes = await templateWorkbook()
  try {
    writeFileSync(values.out, bytes)
  } catch (e) {
    throw new UsageError([describeFileError(e, values.out, true)])
  }
  return `已写入导入模板：${values.out}\n`
}
