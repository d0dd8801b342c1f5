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
  options: {
    db: DB_OPTION,
    role: {
      type: 'string',
      value: '角色',
      description: '以哪个角色导入（与接口相同的权限检查）：admin（默认）、reporter 或 reviewer',
      choices: ['admin', 'reporter', 'reviewer'],
    },
    unit: { type: 'string', value: '单位代码', description: '--role reporter 时的填报单位' },
    name: { type: 'string', value: '姓名', description: '记录为谁导入（默认 cli）' },
    evidence: {
      type: 'string',
      value: '目录',
      description: '佐证材料所在目录：事件引用的文件（按哈希命名）或表格“佐证材料”列中的文件名',
    },
  },
  notes: [
    '同一文件再导入一次不会重复写入，会说明跳过了多少条。',
    '管理员导入 NDJSON 时保留每行原有的事件编号、记录时间与记录人（可信的重新载入）；其他角色导入的事件按本次导入记录。',
  ],
  examples: [
    { command: 'kaoping import data/demo-city.ndjson', note: '把示范城市的事件导入 data/kaoping.db' },
    { command: 'kaoping import 利州区2017年填报.xlsx --db 考评.db', note: '导入填好的模板' },
  ],
})
