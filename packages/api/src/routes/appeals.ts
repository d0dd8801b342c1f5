/**
 * @module Appeals of a scheme (SPEC §8 step 5): each with its state, indicator, reason, decision and the adjustment
 * made. A reporter sees only its own unit's.
 */
import { listAppeals } from '@kaoping/app'
import { strict, UnitId } from '@kaoping/core'
import * as E from 'fp-ts/Either'
import { Hono } from 'hono'
import * as t from 'io-ts'
import { allow, ownUnit } from '../auth/guard'
import { ApiFailure } from '../http/api-error'
import type { AppEnv } from '../http/env'
import { validate } from '../http/validate'
import type { RouteDeps } from './deps'

const AppealStatus = t.keyof(
  { pending: null, upheld: null, partially_upheld: null, rejected: null },
  '"pending" | "upheld" | "partially_upheld" | "rejected"'
)
const AppealsQuery = strict({}, { unitId: UnitId, status: AppealStatus }, 'AppealsQuery')

export const appealRoutes = (deps: RouteDeps) =>
  new Hono<AppEnv>().get(
    '/v1/schemes/:schemeId/appeals',
    allow('admin', 'auditor', 'reviewer', 'reporter'),
    validate('query', AppealsQuery),
    async (c) => {
      const principal = c.get('principal')
      const q = c.req.valid('query')
      if (q.unitId !== undefined) ownUnit(principal, q.unitId)
      const unitId = principal.role === 'reporter' ? principal.unitId : q.unitId
      const schemeId = c.req.param('schemeId')
      const listed = await listAppeals(deps.store, schemeId, unitId)
      if (E.isLeft(listed)) throw new ApiFailure(listed.left)
      const appeals =
        q.status === undefined ? listed.right : listed.right.filter((a) => a.status === q.status)
      return c.json({ schemeId, appeals })
    }
  )
