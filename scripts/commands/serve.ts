/**
 * @module `kaoping serve [--port N] [--db PATH]`: the HTTP API on the embedded store, or on EventStoreDB when
 * EVENTSTORE_URL is set (configuration: README; where the read models live: docs/deployment.md).
 */
import { parse } from '../lib/args'
import { readConfig } from '../lib/config'
import { serveUntilSignalled, startServer } from '../lib/server'

export const SERVE_USAGE =
  '用法：kaoping serve [--port 3000] [--db data/kaoping.db]（EventStoreDB 模式默认 data/kaoping-esdb.db；其余配置见 README 的环境变量）'

type Banner = Pick<
  Awaited<ReturnType<typeof startServer>>,
  'url' | 'demoLoaded' | 'tokensFile' | 'demoAdmin' | 'events' | 'readModels' | 'notices'
>

export const banner = (s: Banner): string =>
  [
    `kaoping 考评服务已启动：${s.url}`,
    ...(s.events.startsWith('SQLite ')
      ? [`事件与读模型：SQLite 文件 ${s.readModels}`]
      : [`事件存储：${s.events}`, `读模型：${s.readModels}`]),
    ...s.notices.map((n) => `注意：${n}`),
    ...(s.demoLoaded > 0 ? [`已载入示范城市 ${s.demoLoaded} 条事件`] : []),
    `令牌文件：${s.tokensFile}`,
    ...(s.demoAdmin
      ? [
          `示范管理员令牌：${s.demoAdmin}`,
          `试一试：curl -H "Authorization: Bearer ${s.demoAdmin}" ${s.url}/v1/schemes/guangyuan-districts-2017/ranking`,
        ]
      : []),
    `接口文档：${s.url}/v1/openapi.json    按 Ctrl+C 停止`,
    '',
  ].join('\n')

export const serve = async (argv: ReadonlyArray<string>): Promise<void> => {
  const { values } = parse(argv, { port: { type: 'string' }, db: { type: 'string' } }, SERVE_USAGE)
  const config = readConfig(process.env, {
    ...(values.port === undefined ? {} : { port: values.port }),
    ...(values.db === undefined ? {} : { db: values.db }),
  })
  const started = await startServer(config)
  process.stdout.write(banner(started))
  await serveUntilSignalled(started)
}
