/** @module For operators: `/healthz` (is the projection following?) and `/metrics` (Prometheus text). */
import { Hono } from 'hono'
import type { AppEnv } from '../http/env'
import type { RouteDeps } from './deps'

export const opsRoutes = (deps: RouteDeps & { readonly problem: () => string | undefined }) =>
  new Hono<AppEnv>()
    .get('/healthz', async (c) => {
      const head = await deps.readModels.head()
      const position = deps.readModels.position()
      const problem = deps.problem()
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
