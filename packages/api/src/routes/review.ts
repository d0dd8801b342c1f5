/**
 * @module The 考核组's review queue (SPEC §3 "Verification", §8 step 3): unit facts pending, verified or returned
 * (with the reason of each return), paged. Reviewers, admins and auditors see every unit; a reporter its own.
 */
import { reviewQueue } from '@kaoping/app'
import { strict, UnitId } from '@kaoping/core'
import { Hono } from 'hono'
import * as t from 'io-ts'
import { allow, ownUnit } from '../auth/guard'
import type { AppEnv } from '../http/env'
import { PositiveIntQuery } from '../http/query-codecs'
import { validate } from '../http/validate'
import type { RouteDeps } from './deps'

const ReviewStatus = t.keyof(
  { pending: null, verified: null, returned: null },
  '"pending" | "verified" | "returned"'
)
const ReviewQuery = strict(
  {},
  {
    status: ReviewStatus,
    unitId: UnitId,
    page: PositiveIntQuery,
    pageSize: PositiveIntQuery,
    order: t.keyof({ asc: null, desc: null }, '"asc" | "desc"'),
  },
  'ReviewQuery'
)
const MAX_PAGE_SIZE = 500

export const reviewRoutes = (deps: RouteDeps) =>
  new Hono<AppEnv>().get(
    '/v1/review',
    allow('admin', 'auditor', 'reviewer', 'reporter'),
    validate('query', ReviewQuery),
    async (c) => {
      const principal = c.get('principal')
      const q = c.req.valid('query')
      if (q.unitId !== undefined) ownUnit(principal, q.unitId)
      const unitId = principal.role === 'reporter' ? principal.unitId : q.unitId
      const page = await reviewQueue(deps.store, {
        ...(q.status === undefined ? {} : { status: q.status }),
        ...(unitId === undefined ? {} : { unitId }),
        page: q.page ?? 1,
        pageSize: Math.min(q.pageSize ?? 50, MAX_PAGE_SIZE),
        ...(q.order === undefined ? {} : { order: q.order }),
      })
      return c.json({ status: q.status ?? null, unitId: unitId ?? null, ...page })
    }
  )
