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
    publication: {
      type: 'string',
      value: 'N',
      description: '第 N 次发布的考核结果（按发布顺序从 1 起），核对哈希后生成，不能与 --as-of 同用',
      valid: { accepts: (v) => /^[1-9]\d{0,5}$/.test(v), expected: '正整数（第几次发布）' },
    },
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
