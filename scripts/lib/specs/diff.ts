/** @module `kaoping diff`: options, usage and help. */
import { defineCommand } from '../command-spec'
import { DB_OPTION, INSTANT, SCHEME_ID_OPTION } from './common'

const WHEN = '日期（指当天北京时间 24:00）或带时区的时间'

export const DIFF = defineCommand({
  name: 'diff',
  summary: '两个时点之间排名的变化：每个单位哪些指标的得分变了、由哪些事件引起',
  options: {
    scheme: SCHEME_ID_OPTION,
    from: {
      type: 'string',
      value: '日期或时间',
      description: `起点：${WHEN}`,
      required: true,
      valid: INSTANT,
    },
    to: { type: 'string', value: '日期或时间', description: `终点：${WHEN}`, required: true, valid: INSTANT },
    format: {
      type: 'string',
      value: 'table|json',
      description: '输出格式',
      choices: ['table', 'json'],
      default: 'table',
    },
    db: DB_OPTION,
  },
  examples: [
    {
      command: 'kaoping diff --scheme guangyuan-districts-2017 --from 2017-06-30 --to 2017-12-31',
      note: '下半年的变化',
    },
  ],
})
