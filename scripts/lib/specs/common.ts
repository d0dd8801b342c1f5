/** @module Options several commands share, described once. */
import { parseAsOf } from '@kaoping/core'
import { isRight } from 'fp-ts/Either'

/** An instant as core reads it (checked here so a bad `diff --from` is not taken for "nothing yet"). */
export const INSTANT = {
  accepts: (v: string) => isRight(parseAsOf(v, 'recorded')),
  expected: '日期（如 2017-06-30）或带时区的时间（如 2017-06-30T12:00:00+08:00）',
} as const

export const DB_OPTION = {
  type: 'string',
  value: '文件.db',
  description: '数据库文件（设置了 EVENTSTORE_URL 时只存放本机的排名数据）',
  default: 'data/kaoping.db',
} as const

export const AS_OF_OPTION = {
  type: 'string',
  value: '日期或时间',
  description:
    '计算到哪一时点：日期（如 2017-12-31，指当天北京时间 24:00）或带时区的时间；默认为最后一条记录的时间',
  valid: INSTANT,
} as const

export const BASIS_OPTION = {
  type: 'string',
  value: 'recorded|occurred',
  description: 'recorded：只计当时已记录的；occurred：计目前已记录、且在该时点前发生的',
  choices: ['recorded', 'occurred'],
  default: 'recorded',
} as const

export const VERSION_OPTION = {
  type: 'string',
  value: 'N',
  description: '按考核办法的第 N 版计算（假设分析）；默认为该时点施行的版本',
  valid: { accepts: (v: string) => /^[1-9]\d*$/.test(v), expected: '正整数' },
} as const

export const SCHEME_ID_OPTION = {
  type: 'string',
  value: '办法代码',
  description: '已发布的考核办法代码（如 guangyuan-districts-2017），不是文件',
  required: true,
} as const
