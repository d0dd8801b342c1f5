/** @module `kaoping verify`: options, usage and help. */
import { defineCommand } from '../command-spec'

export const VERIFY = defineCommand({
  name: 'verify',
  summary:
    '核验导出的事件记录中每一次发布的考核结果：按发布前的事件与当时的考核办法重算，哈希一致才通过（无需服务器）',
  options: {
    events: {
      type: 'string',
      value: '导出的事件文件.ndjson',
      description: 'kaoping export 或 GET /v1/events/export 导出的事件记录',
      required: true,
    },
  },
  notes: ['全部一致时退出码为 0；有不一致时为 1，并指出第一个不同的单位与指标；文件有误时为 2。'],
  examples: [
    {
      command: 'kaoping verify --events 2017.ndjson',
      note: '核验导出文件中的每次发布（先用 kaoping export --out 2017.ndjson 导出）',
    },
  ],
})
