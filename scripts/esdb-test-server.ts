/**
 * @module `pnpm esdb:test-server [--port 2113]`: the in-process EventStoreDB fake of the tests, standalone, for
 * trying kaoping's EventStoreDB backend on a machine without a server:
 * `EVENTSTORE_URL=esdb://127.0.0.1:2113?tls=false pnpm start`. Memory only; stops with Ctrl+C.
 */
import { startFakeServer } from '@kaoping/store/testing/esdb'
import { parse } from './lib/args'
import { runCommand } from './lib/cli-error'

await runCommand(async () => {
  const { values } = parse(
    process.argv.slice(2),
    { port: { type: 'string', default: '2113' } },
    '用法：pnpm esdb:test-server [--port 2113]'
  )
  const server = await startFakeServer({}, Number(values.port))
  process.stdout.write(`EventStoreDB 测试服务器（仅内存）已启动：${server.connectionString}\n`)
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await server.stop()
})
