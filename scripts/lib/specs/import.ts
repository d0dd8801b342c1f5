/**
 * @module `kaoping import`: options, usage and help. Its options are still parsed in commands/import.ts, which
 * another change owns; keep the two in step until that file parses with this spec.
 */
import { defineCommand } from '../command-spec'
import { DB_OPTION } from './common'

export const IMPORT = defineCommand({
  name: 'import',
  summary: '导入事件：NDJSON 事件文件，或填好的导入模板（XLSX）、CSV；全部导入或全部不导入',
  positional: { value: '文件.ndjson|文件.xlsx|文件.csv', description: '要导入的事件文件' },
  options: { db: DB_OPTION },
  notes: ['同一文件再导入一次不会重复写入，会说明跳过了多少条。'],
  examples: [
    { command: 'kaoping import data/demo-city.ndjson', note: '把示范城市的事件导入 data/kaoping.db' },
    { command: 'kaoping import 利州区2017年填报.xlsx --db 考评.db', note: '导入填好的模板' },
  ],
})
