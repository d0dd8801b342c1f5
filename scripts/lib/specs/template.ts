/** @module `kaoping template`: options, usage and help. */
import { defineCommand } from '../command-spec'
import { DB_OPTION } from './common'

export const TEMPLATE = defineCommand({
  name: 'template',
  summary: '生成事件导入模板（XLSX，每类事件一张表，带下拉选项），填好后用 kaoping import 导入',
  options: {
    out: { type: 'string', value: '文件.xlsx', description: '写入的模板文件', default: '事件导入模板.xlsx' },
    db: {
      ...DB_OPTION,
      description: '取已登记的单位和已发布的考核办法作下拉列表的数据库文件（不存在时模板不含这些列表）',
    },
  },
  examples: [
    {
      command: 'kaoping template --out 2017年填报模板.xlsx',
      note: '生成模板（单位、考核办法、指标的下拉列表取自 data/kaoping.db），分发给各单位填报',
    },
  ],
})
