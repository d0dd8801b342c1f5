/** @module `GET /v1/me`: who the bearer token stands for (role, a reporter's unit, name) — the page picks its views by it. */
import { ROLE_LABELS } from '@kaoping/core'
import { Hono } from 'hono'
import { allow } from '../auth/guard'
import type { AppEnv } from '../http/env'

export const meRoutes = () =>
  new Hono<AppEnv>().get('/v1/me', allow('admin', 'reviewer', 'auditor', 'reporter'), (c) => {
    const p = c.get('principal')
    return c.json({
      role: p.role,
      roleLabel: ROLE_LABELS[p.role],
      name: p.name,
      unitId: p.unitId ?? null,
    })
  })
