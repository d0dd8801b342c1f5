/** @module `kaoping replay`: options, usage and help. */
import { defineCommand } from '../command-spec'
import { AS_OF_OPTION, BASIS_OPTION, VERSION_OPTION } from './common'

export const REPLAY = defineCommand({
  name: 'replay',
  summary: '离线重放：由事件文件和考核办法文件计算排名，无需服务器和数据库',
  options: {
    events: {
      type: 'string',
      value: '文件.ndjson',
      description: '事件文件（NDJSON，每行一条事件，如 kaoping export 的输出）',
      required: true,
    },
    scheme: {
      type: 'string',
      value: '文件.json',
      description: '考核办法文件（一个办法，或其各版本组成的数组）',
      required: true,
    },
    'as-of': AS_OF_OPTION,
    basis: BASIS_OPTION,
    version: VERSION_OPTION,
    format: {
      type: 'string',
      value: 'table|json|csv|xlsx',
      description: '输出格式；xlsx 须同时给 --out',
      choices: ['table', 'json', 'csv', 'xlsx'],
      default: 'table',
    },
    out: { type: 'string', value: '文件.xlsx', description: '--format xlsx 时写入的文件' },
  },
  examples: [
    {
      command: 'kaoping replay --events data/demo-city.ndjson --scheme examples/schemes/districts-2017.json',
      note: '按全部记录计算 2017 年度县区排名',
    },
    {
      command:
        'kaoping replay --events export.ndjson --scheme examples/schemes/districts-2017.json --as-of 2017-12-31 --format csv > 排名.csv',
      note: '审计：2017-12-31 当天结束时系统给出的排名，存为 CSV',
    },
  ],
})
