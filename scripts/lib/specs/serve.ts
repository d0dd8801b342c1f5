/**
 * @module `kaoping serve`: options, usage and help. Its options are still parsed in commands/serve.ts, which
 * another change owns; keep the two in step until that file parses with this spec.
 */
import { defineCommand } from '../command-spec'

export const SERVE = defineCommand({
  name: 'serve',
  summary: '启动 HTTP 接口和网页（首次启动时载入示范城市）',
  options: {
    port: { type: 'string', value: '端口', description: '监听端口（默认取环境变量 PORT，否则 3000）' },
    db: {
      type: 'string',
      value: '文件.db',
      description: '数据库文件（默认取环境变量 KAOPING_DB，否则 data/kaoping.db）',
    },
  },
  notes: ['其余配置（令牌、示范数据、EventStoreDB）见 README 的环境变量。'],
  examples: [{ command: 'kaoping serve --port 8080', note: '在 8080 端口启动，按 Ctrl+C 停止' }],
})
