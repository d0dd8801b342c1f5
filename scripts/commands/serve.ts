/** @module `kaoping serve [--port N] [--db PATH]`: the HTTP API on the embedded store (configuration: README). */
import { parse } from '../lib/args'
import { readConfig } from '../lib/config'
import { serveUntilSignalled, startServer } from '../lib/server'

export const SERVE_USAGE =
  '用法：kaoping serve [--port 3000] [--db data/kaoping.db]（其余配置见 README 的环境变量）'

export const banner = (s: Awaited<ReturnType<typeof startServer>>): string =>
  [
    `kaoping 考评服务已启动：${s.url}`,
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
