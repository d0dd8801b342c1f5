/**
 * @module `kaoping template [--out 事件导入模板.xlsx] [--db PATH]`: writes the spreadsheet template for importing
 * events. With a database, its units and published schemes become the dropdowns of the unit, scheme and indicator
 * columns (名称（代码）); without one the template has no such dropdowns, and says so.
 */
import { writeFileSync } from 'node:fs'
import { indexSource } from '@kaoping/projections'
import { type Registry, templateWorkbook } from '@kaoping/sheets'
import { parseCommand } from '../lib/args'
import { catchUpUnlessRunning } from '../lib/catch-up'
import { UsageError } from '../lib/cli-error'
import { databaseExists } from '../lib/existing-database'
import { describeFileError } from '../lib/file-error'
import { openProjections } from '../lib/open-projections'
import { TEMPLATE } from '../lib/specs/template'

/** The registry's units (in the order registered, the last name of each) and every published scheme version. */
const readRegistry = async (db: string): Promise<Required<Registry> | undefined> => {
  // A file that is not there stays so: opening it would create an empty database.
  if (!databaseExists(db)) return undefined
  const opened = openProjections(db)
  try {
    await catchUpUnlessRunning(opened)
    const source = indexSource(opened.db, opened.projector.tables())
    const units = new Map<string, { unitId: string; name: string }>()
    for (const e of source.registry())
      if (e.type === 'UnitRegistered') {
        const { unitId, name } = e.data as { unitId: string; name: string }
        units.set(unitId, { unitId, name })
      }
    return { units: [...units.values()], schemes: source.allSchemes() }
  } finally {
    await opened.close()
  }
}

export const template = async (argv: ReadonlyArray<string>): Promise<string> => {
  const { values } = parseCommand(TEMPLATE, argv)
  const registry = await readRegistry(values.db)
  const bytes = await templateWorkbook([], registry)
  try {
    writeFileSync(values.out, bytes)
  } catch (e) {
    throw new UsageError([describeFileError(e, values.out, true)])
  }
  const schemes = new Set(registry?.schemes.map((s) => s.schemeId)).size
  return `已写入导入模板：${values.out}\n${
    registry
      ? `单位、考核办法和指标的下拉列表取自 ${values.db}：${registry.units.length} 个单位，${schemes} 个考核办法\n`
      : `未找到数据库 ${values.db}：单位、考核办法和指标列没有下拉列表（可用 --db 指定数据库）\n`
  }`
}
