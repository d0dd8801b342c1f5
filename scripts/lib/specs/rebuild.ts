/** @module `kaoping rebuild`: options, usage and help. */
import { defineCommand } from '../command-spec'
import { DB_OPTION } from './common'

export const REBUILD = defineCommand({
  name: 'rebuild',
  summary: '按全部记录重算排名（升级 kaoping 或排名数据有疑问时），显示进度',
  options: { db: DB_OPTION },
  notes: ['重算期间仍可查询原有排名，算完后一次切换。'],
  examples: [{ command: 'kaoping rebuild --db data/kaoping.db', note: '重算该数据库中所有考核办法的排名' }],
})
