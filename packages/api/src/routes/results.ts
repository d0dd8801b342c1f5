/**
 * @module Results (SPEC §4–5): the ranking (now, as of an instant on either basis, under another version;
 * JSON or CSV), one unit's breakdown with its events paged, and the diff between two instants. The current
 * ranking is served as stored — the very bytes `kaoping replay --format json` prints, minus the indentation.
 */
import { beijingTime, parseAsOf, type Result, strict, toCsv, type UnitResult, unitToCsv } from '@kaoping/core'
import type { RankingQuery as Query } from '@kaoping/projections'
import { rankingWorkbook, unitWorkbook } from '@kaoping/sheets'
import type { RecordedEvent } from '@kaoping/store'
import * as E from 'fp-ts/Either'
import { type Context, Hono } from 'hono'
import * as t from 'io-ts'
import { allow, ownUnit } from '../auth/guard'
import { ApiFailure } from '../http/api-error'
import { cachedBodies } from '../http/cached-body'
import type { AppEnv } from '../http/env'
import { AsOf, Basis, PositiveIntQuery, RankingFormat } from '../http/query-codecs'
import { rankingJson } from '../http/ranking-json'
import { summaries } from '../http/summary'
import { validate } from '../http/validate'
import type { QueryAnswer } from '../projection-thread/query-messages'
import { QueryQueueFull } from '../projection-thread/query-thread'
import { type RouteDeps, settled } from './deps'
import { fromReplayError } from './replay-error'

const View = t.keyof({ full: null, summary: null }, '"full" | "summary"')
const RankingQuery = strict(
  {},
  { asOf: AsOf, basis: Basis, version: PositiveIntQuery, format: RankingFormat, view: View },
  'RankingQuery'
)
const UnitQuery = strict(
  {},
  {
    asOf: AsOf,
    basis: Basis,
    version: PositiveIntQuery,
    page: PositiveIntQuery,
    pageSize: PositiveIntQuery,
    format: RankingFormat,
  },
  'UnitQuery'
)
const DiffQuery = strict({ from: AsOf, to: AsOf }, {}, 'DiffQuery')

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const workbook = (c: Context, filename: string, bytes: Uint8Array) =>
  c.body(new Uint8Array(bytes), 200, {
    'Content-Type': XLSX,
    'Content-Disposition': `attachment; filename="${filename}"`,
  })

const JSON_UTF8 = { 'Content-Type': 'application/json; charset=utf-8' }
const MAX_PAGE_SIZE = 500

/** Every event a unit's result names (indicators, bonus, rules fired, adjustments), once each. */
const eventsBehind = (u: UnitResult): string[] => [
  ...new Set([
    ...u.categories.flatMap((c) => c.indicators.flatMap((i) => i.events)),
    ...(u.bonus?.indicators.flatMap((i) => i.events) ?? []),
    ...u.rulesFired.flatMap((r) => r.events),
    ...(u.adjustments?.items.map((a) => a.event) ?? []),
  ]),
]

const shown = (e: RecordedEvent) => ({
  id: e.id,
  type: e.type,
  data: e.data,
  stream: e.stream,
  revision: e.revision.toString(),
  position: e.position.toString(),
  recordedAt: e.recordedAt,
  actor: e.actor,
})

/**
 * The current full ranking, from its encoded chunks (kept per state, each at most one unit's entry; gzip when
 * the client accepts it), with a strong ETag of the read models' state; 304 when the client has it. Up to
 * 4 MiB goes as one body; beyond, it is streamed chunk by chunk. Undefined: no stored ranking.
 */
const ONE_BODY_MAX = 4 * 1048576
const sendRanking = async (
  c: Context,
  stream: NonNullable<RouteDeps['readModels']['rankingStream']>,
  schemeId: string
): Promise<Response | undefined> => {
  const etag = `"${stream.tag(schemeId)}"`
  const headers: Record<string, string> = { ...JSON_UTF8, ETag: etag, Vary: 'Accept-Encoding' }
  const asked = c.req.header('If-None-Match')
  if (asked?.split(',').some((t) => t.trim() === etag || t.trim() === '*')) return c.body(null, 304, headers)
  const gzip = /\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '')
  const encoded = await stream.encoded(schemeId, gzip)
  if (!encoded) return undefined
  headers.ETag = `"${encoded.tag}"`
  if (gzip) headers['Content-Encoding'] = 'gzip'
  headers['Content-Length'] = String(encoded.length)
  if (encoded.length <= ONE_BODY_MAX) return c.body(Buffer.concat(encoded.chunks), 200, headers)
  let i = 0
  const body = new ReadableStream<Uint8Array>({
    pull: (controller) => {
      if (i < encoded.chunks.length) controller.enqueue(encoded.chunks[i++]!)
      if (i >= encoded.chunks.length) controller.close()
    },
  })
  return new Response(body, { status: 200, headers })
}

/** A ranking scored and formatted on the query thread; 503 with Retry-After when its queue is full. */
const offloaded = async (
  c: Context,
  query: NonNullable<RouteDeps['readModels']['query']>,
  schemeId: string,
  q: Omit<Query, 'schemeId'>,
  format: 'json' | 'csv' | 'xlsx',
  view: 'full' | 'summary'
): Promise<Response> => {
  let answer: QueryAnswer
  try {
    answer = await query({ kind: 'ranking', query: { schemeId, ...q }, format, view })
  } catch (e) {
    if (!(e instanceof QueryQueueFull)) throw e
    return c.json({ error: { code: 'query_queue_full', message: e.message, issues: [] } }, 503, {
      'Retry-After': String(e.retryAfter),
    })
  }
  if (!answer.ok) throw new ApiFailure(fromReplayError(answer.error))
  const headers: Record<string, string> = { 'Content-Type': answer.contentType }
  if (format !== 'json') {
    const ext = format === 'csv' ? 'csv' : 'xlsx'
    headers['Content-Disposition'] = `attachment; filename="${schemeId}-ranking.${ext}"`
  }
  return c.body(new Uint8Array(answer.body), 200, headers)
}

export const resultRoutes = (deps: RouteDeps) => {
  const bodies = cachedBodies()
  const summaryOf = summaries()
  return new Hono<AppEnv>()
    .get(
      '/v1/schemes/:schemeId/ranking',
      allow('admin', 'reviewer', 'auditor'),
      validate('query', RankingQuery),
      async (c) => {
        await settled(deps, c)
        const schemeId = c.req.param('schemeId')
        const { format = 'json', view = 'summary', ...q } = c.req.valid('query')
        const current =
          q.asOf === undefined && q.version === undefined && (q.basis ?? 'recorded') === 'recorded'
        if (current && format === 'json') {
          // The full view streamed unit by unit (tens of MB at a province's scale, never one string).
          if (view === 'full' && deps.readModels.rankingStream) {
            const streamed = await sendRanking(c, deps.readModels.rankingStream, schemeId)
            if (streamed) return streamed
          }
          const summary = view === 'summary' ? deps.readModels.rankingSummaryJson?.(schemeId) : undefined
          if (summary !== undefined)
            return bodies.send(c, `${schemeId}/summary`, summary, JSON_UTF8['Content-Type'])
          const stored = deps.readModels.rankingJson(schemeId)
          if (stored !== undefined)
            return view === 'summary'
              ? bodies.send(c, `${schemeId}/summary`, summaryOf(schemeId, stored), JSON_UTF8['Content-Type'])
              : bodies.send(c, schemeId, stored, JSON_UTF8['Content-Type'])
        }
        // Scoring another instant (and a workbook) is heavy: on the query thread when there is one, bounded.
        if (deps.readModels.query) return offloaded(c, deps.readModels.query, schemeId, q, format, view)
        const scored = deps.readModels.ranking({ schemeId, ...q })
        if (E.isLeft(scored)) throw new ApiFailure(fromReplayError(scored.left))
        const { result, scheme } = scored.right
        if (format === 'csv') {
          c.header('Content-Type', 'text/csv; charset=utf-8')
          c.header('Content-Disposition', `attachment; filename="${schemeId}-ranking.csv"`)
          return c.body(toCsv(result, scheme))
        }
        if (format === 'xlsx')
          return workbook(c, `${schemeId}-ranking.xlsx`, await rankingWorkbook(result, scheme))
        return c.body(rankingJson(result, view), 200, JSON_UTF8)
      }
    )
    .get(
      '/v1/schemes/:schemeId/units/:unitId',
      allow('admin', 'reviewer', 'auditor', 'reporter'),
      validate('query', UnitQuery),
      async (c) => {
        const { schemeId, unitId } = c.req.param()
        ownUnit(c.get('principal'), unitId)
        await settled(deps, c)
        const { page = 1, pageSize = 50, format = 'json', ...q } = c.req.valid('query')
        const scored = deps.readModels.ranking({ schemeId, ...q })
        if (E.isLeft(scored)) throw new ApiFailure(fromReplayError(scored.left))
        const result: Result = scored.right.result
        const unit = result.units.find((u) => u.unitId === unitId)
        if (!unit)
          throw new ApiFailure({
            _tag: 'NotFound',
            message: `单位 ${unitId} 不在考核办法 ${schemeId} 的考核范围内（或尚未登记）`,
          })
        if (format === 'csv') {
          c.header('Content-Type', 'text/csv; charset=utf-8')
          c.header('Content-Disposition', `attachment; filename="${schemeId}-${unitId}.csv"`)
          return c.body(unitToCsv(unit, scored.right.scheme))
        }
        if (format === 'xlsx')
          return workbook(c, `${schemeId}-${unitId}.xlsx`, await unitWorkbook(unit, scored.right.scheme))
        const size = Math.min(pageSize, MAX_PAGE_SIZE)
        const ids = eventsBehind(unit)
        const found = await deps.store.findEvents(ids)
        const ordered = [...found.values()].sort((a, b) =>
          a.position < b.position ? -1 : a.position > b.position ? 1 : 0
        )
        return c.json({
          schemeId: result.schemeId,
          version: result.version,
          asOf: result.asOf,
          basis: result.basis,
          unit,
          events: {
            page,
            pageSize: size,
            total: ordered.length,
            items: ordered.slice((page - 1) * size, page * size).map(shown),
          },
        })
      }
    )
    .get(
      '/v1/schemes/:schemeId/diff',
      allow('admin', 'reviewer', 'auditor'),
      validate('query', DiffQuery),
      async (c) => {
        await settled(deps, c)
        const { from, to } = c.req.valid('query')
        // A range given backwards is the asker's slip (400), not a scheme unpublished then (404).
        const [a, b] = [parseAsOf(from, 'recorded'), parseAsOf(to, 'recorded')]
        if (E.isRight(a) && E.isRight(b) && 'recordedBy' in a.right && 'recordedBy' in b.right)
          if (a.right.recordedBy > b.right.recordedBy)
            throw new ApiFailure({
              _tag: 'InvalidRequest',
              issues: [
                {
                  path: 'query.to',
                  message: `to（北京时间 ${beijingTime(to)}）早于 from（北京时间 ${beijingTime(from)}）：请把较早的时间放在 from`,
                },
              ],
            })
        const d = deps.readModels.diff(c.req.param('schemeId'), from, to)
        if (E.isLeft(d)) throw new ApiFailure(fromReplayError(d.left, 'query.from'))
        return c.json(d.right)
      }
    )
}
