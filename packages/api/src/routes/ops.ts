/**
 * @module For operators: `/healthz` (is the projection following, and are the read models the store's?) and
 * `/metrics` (Prometheus text).
 */
import { Hono } from 'hono'
import type { AppEnv } from '../http/env'
import type { RouteDeps } from './deps'

/** Why read models ahead of the store's head are not served: said in /healthz until they are rebuilt. */
export const behindProblem = (head: bigint, position: bigint): string =>
  `事件存储的最新位置 ${head} 落后于读模型的检查点 ${position}：存储被清空、重启后为空或从较旧的备份恢复，` +
  '读模型里的事件已不在存储中；读模型按当前存储重建完成前不提供统计结果'

export const opsRoutes = (deps: RouteDeps & { readonly problem: () => string | undefined }) =>
  new Hono<AppEnv>()
    .get('/healthz', async (c) => {
      const head = await deps.readModels.head()
      const position = deps.readModels.position()
      // The runner's own account first (it stopped, or it is rebuilding); a store found behind the checkpoint
      // is reported even before the runner has noticed.
      const problem = deps.problem() ?? (head < position ? behindProblem(head, position) : undefined)
      const ok = problem === undefined
      return c.json(
        {
          status: ok ? 'ok' : 'degraded',
          head: head.toString(),
          position: position.toString(),
          lag: (head - position).toString(),
          ...(problem ? { problem } : {}),
        },
        ok ? 200 : 503
      )
    })
    .get('/metrics', async (c) => {
      c.header('Content-Type', deps.metrics.registry.contentType)
      return c.body(await deps.metrics.registry.metrics())
    })
