/** @module `GET /v1/units`: the unit registry (a reporter sees its own unit). */
import { Hono } from 'hono'
import { allow } from '../auth/guard'
import type { AppEnv } from '../http/env'
import { type RouteDeps, settled } from './deps'

export const unitRoutes = (deps: RouteDeps) =>
  new Hono<AppEnv>().get('/v1/units', allow('admin', 'reviewer', 'auditor', 'reporter'), async (c) => {
    await settled(deps, c)
    const principal = c.get('principal')
    const units = deps.readModels.units()
    return c.json({
      units: principal.role === 'reporter' ? units.filter((u) => u.unitId === principal.unitId) : units,
    })
  })
