/** @module `kaoping export`: options, usage and help. */
import { defineCommand } from '../command-spec'
import { DB_OPTION } from './common'

export const EXPORT = defineCommand({
  name: 'export',
  summary: '导出全部事件记录（NDJSON，含位置与记录时间），可供 replay 离线核对或导入另一数据库',
  options: {
    from: {
      type: 'string',
      value: '位置',
      description: '从这一位置（含）起导出，与接口 GET /v1/events/export?from 相同',
      valid: { accepts: (v) => /^\d+$/.test(v), expected: '非负整数位置' },
    },
    out: { type: 'string', value: '文件.ndjson', description: '写入文件；不给则输出到屏幕（标准输出）' },
    evidence: {
      type: 'string',
      value: '目录',
      description: '同时把事件引用的佐证材料文件写入该目录（按内容哈希命名）',
    },
    db: DB_OPTION,
  },
  examples: [
    { command: 'kaoping export --out 备份.ndjson', note: '导出全部事件到文件' },
    { command: 'kaoping export --from 5001 --out 增量.ndjson', note: '只导出第 5001 条及以后的事件' },
  ],
})
