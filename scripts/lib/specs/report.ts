/** @module `kaoping report`: options, usage and help. */
import { defineCommand } from '../command-spec'
import { AS_OF_OPTION, BASIS_OPTION, DB_OPTION, SCHEME_ID_OPTION } from './common'

export const REPORT = defineCommand({
  name: 'report',
  summary: '生成年度考核报告工作簿（排名、各单位明细、审计信息）',
  options: {
    scheme: SCHEME_ID_OPTION,
    format: { type: 'string', value: 'xlsx', description: '报告格式', choices: ['xlsx'], default: 'xlsx' },
    out: { type: 'string', value: '文件.xlsx', description: '写入的工作簿', required: true },
    'as-of': AS_OF_OPTION,
    basis: BASIS_OPTION,
    db: DB_OPTION,
  },
  examples: [
    {
      command: 'kaoping report --scheme guangyuan-districts-2017 --out 2017年度考核结果.xlsx',
      note: '按当前记录生成年度报告',
    },
  ],
})
