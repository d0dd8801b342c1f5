/** @module `kaoping ranking`: options, usage and help. */
import { defineCommand } from '../command-spec'
import { AS_OF_OPTION, BASIS_OPTION, DB_OPTION, SCHEME_ID_OPTION, VERSION_OPTION } from './common'

export const RANKING = defineCommand({
  name: 'ranking',
  summary: '查询数据库中某一考核办法的排名（可回到过去某一时点）',
  options: {
    scheme: SCHEME_ID_OPTION,
    'as-of': AS_OF_OPTION,
    basis: BASIS_OPTION,
    version: VERSION_OPTION,
    format: {
      type: 'string',
      value: 'table|json|csv',
      description: '输出格式',
      choices: ['table', 'json', 'csv'],
      default: 'table',
    },
    db: DB_OPTION,
  },
  notes: ['要用考核办法文件离线计算，请用 kaoping replay --events 文件 --scheme 文件.json。'],
  examples: [
    { command: 'kaoping ranking --scheme guangyuan-districts-2017', note: '当前排名' },
    {
      command: 'kaoping ranking --scheme guangyuan-districts-2017 --as-of 2017-06-30 --basis occurred',
      note: '上半年进度：截至 6 月 30 日发生的事项',
    },
  ],
})
