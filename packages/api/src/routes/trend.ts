/**
 * @module `GET /v1/schemes/{schemeId}/trend?basis`: each unit's total at each month end of the scheme's period (time
 * travel made visible) — the read models' as-of ranking at the end of each month's last day (Beijing time), on the
 * recorded basis ("what the system said then", default) or the occurred basis ("progress to date"). Month ends after
 * the last recorded event are left out; a month end before the scheme was published has no totals (null). Computed once per store head and basis, then served from memory.
 */
import { strict } from '@kaoping/core'
import * as E from 'fp-ts/Either'
import { Hono } from 'hono'
import { allow } from '../auth/guard'
import { ApiFailure } from '../http/api-error'
import type { AppEnv } from '../http/env'
import { Basis } from '../http/query-codecs'
import { validate } from '../http/validate'
import { type RouteDeps, settled } from './deps'
import { fromReplayError } from './replay-error'

const TrendQuery = strict({}, { basis: Basis }, 'TrendQuery')

/** The last day of each month from `from` to `to` (inclusive dates), `to` itself closing a partial last month. */
export const monthEnds = (from: string, to: string): string[] => {
  const out: string[] = []
  let [y, m] = from.split('-').map(Number) as [number, number]
  for (;;) {
    const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10)
    if (last >= to) {
      out.push(to)
      return out
    }
    out.push(last)
    m += 1
    if (m > 12) {
      m = 1
      y += 1
    }
  }
}

export interface Trend {
  readonly schemeId: string
  readonly basis: 'recorded' | 'occurred'
  readonly months: ReadonlyArray<string>
  readonly units: ReadonlyArray<{
    readonly unitId: string
    readonly name: string
    readonly totals: ReadonlyArray<string | null>
  }>
}

export const trendRoutes = (deps: RouteDeps) => {
  const cache = new Map<string, Trend>()
  return new Hono<AppEnv>().get(
    '/v1/schemes/:schemeId/trend',
    allow('admin', 'reviewer', 'auditor'),
    validate('query', TrendQuery),
    async (c) => {
      await settled(deps, c)
      const schemeId = c.req.param('schemeId')
      const basis = c.req.valid('query').basis ?? 'recorded'
      const key = `${schemeId}|${basis}|${deps.readModels.position()}`
      const hit = cache.get(key)
      if (hit) return c.json(hit)
      const versions = deps.readModels.schemes().filter((s) => s.schemeId === schemeId)
      const scheme = versions.at(-1)
      if (!scheme) throw new ApiFailure({ _tag: 'NotFound', message: `没有考核办法 ${schemeId}` })
      const now = deps.readModels.ranking({ schemeId })
      if (E.isLeft(now)) throw new ApiFailure(fromReplayError(now.left))
      // The last recorded instant's Beijing date: later month ends would only repeat the current totals.
      const lastDay = new Date(Date.parse(now.right.result.asOf) + 8 * 3_600_000).toISOString().slice(0, 10)
      const months = monthEnds(scheme.period.from, scheme.period.to).filter((d, i) => i === 0 || d <= lastDay)
      const totals = new Map<string, Array<string | null>>()
      const names = new Map<string, string>()
      months.forEach((asOf, i) => {
        const r = deps.readModels.ranking({ schemeId, asOf, basis })
        // A month end before the scheme was published (recorded basis) has no ranking: no point on the line.
        if (E.isLeft(r)) return
        for (const u of r.right.result.units) {
          names.set(u.unitId, u.name)
          const row = totals.get(u.unitId) ?? Array<string | null>(months.length).fill(null)
          row[i] = u.total
          totals.set(u.unitId, row)
        }
      })
      const trend: Trend = {
        schemeId,
        basis,
        months,
        units: [...totals.keys()]
          .sort()
          .map((unitId) => ({ unitId, name: names.get(unitId)!, totals: totals.get(unitId)! })),
      }
      if (cache.size > 16) cache.clear()
      cache.set(key, trend)
      return c.json(trend)
    }
  )
}
