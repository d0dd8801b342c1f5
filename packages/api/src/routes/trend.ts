/**
 * @module `GET /v1/schemes/{schemeId}/trend?basis`: each unit's total at each month end of the scheme's period (time
 * travel made visible) — the read models' as-of ranking at the end of each month's last day (Beijing time), on the
 * recorded basis ("what the system said then", default) or the occurred basis ("progress to date"). Month ends after
 * the last recorded event are left out; a month end before the scheme was published has no totals (null). Computed once per store head and basis, then served from memory.
 */
import { beijingDateOf, type ReplayError, strict } from '@kaoping/core'
import * as E from 'fp-ts/Either'
import { Hono } from 'hono'
import { allow } from '../auth/guard'
import { ApiFailure } from '../http/api-error'
import type { AppEnv } from '../http/env'
import { Basis } from '../http/query-codecs'
import { validate } from '../http/validate'
import type { QueryAnswer } from '../projection-thread/query-messages'
import { QueryQueueFull } from '../projection-thread/query-thread'
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

type Totals = {
  readonly units: ReadonlyArray<{ readonly unitId: string; readonly name: string; readonly total: string }>
}

/**
 * One month end's totals: on the query thread when the server has one (each month a job of the bounded queue, one
 * at a time — a trend never stalls the HTTP thread, and kept month-end rankings answer most of them), else from the
 * read models here (tests, the CLI).
 */
const rankingAt = async (
  deps: RouteDeps,
  q: { readonly schemeId: string; readonly asOf: string; readonly basis: 'recorded' | 'occurred' }
): Promise<E.Either<ReplayError, Totals>> => {
  if (!deps.readModels.query) return E.map((r: { result: Totals }) => r.result)(deps.readModels.ranking(q))
  let answer: QueryAnswer
  try {
    answer = await deps.readModels.query({ kind: 'ranking', query: q, format: 'json', view: 'summary' })
  } catch (e) {
    if (e instanceof QueryQueueFull)
      throw new ApiFailure({
        _tag: 'ProjectionLagging',
        message: `统计任务繁忙，请 ${e.retryAfter} 秒后重试`,
      })
    throw e
  }
  return answer.ok
    ? E.right(JSON.parse(new TextDecoder().decode(answer.body)) as Totals)
    : E.left(answer.error)
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
      // Up to the month that holds the last recorded day (its partial month included); later ones would repeat it.
      const lastDay = beijingDateOf(Date.parse(now.right.result.asOf))
      const ends = monthEnds(scheme.period.from, scheme.period.to)
      const months = ends.slice(0, Math.max(1, ends.findIndex((d) => d >= lastDay) + 1 || ends.length))
      const totals = new Map<string, Array<string | null>>()
      const names = new Map<string, string>()
      for (const [i, asOf] of months.entries()) {
        const r = await rankingAt(deps, { schemeId, asOf, basis })
        // Only a month end before the scheme was published has no ranking (no point on the line); any other
        // failure is the client's to see.
        if (E.isLeft(r)) {
          if (r.left._tag === 'SchemeNotFound') continue
          throw new ApiFailure(fromReplayError(r.left))
        }
        for (const u of r.right.units) {
          names.set(u.unitId, u.name)
          const row = totals.get(u.unitId) ?? Array<string | null>(months.length).fill(null)
          row[i] = u.total
          totals.set(u.unitId, row)
        }
      }
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
