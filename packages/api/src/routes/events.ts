/**
 * @module Appending events: `POST /v1/events` (one batch, all-or-nothing, idempotent by id) and
 * `GET /v1/events/export` (the whole log as NDJSON, streamed page by page — never held in memory).
 */

import { strict } from '@kaoping/core'
import { type AppendResult, appendValidated, exportLine, type RecordedEvent } from '@kaoping/store'
import * as E from 'fp-ts/Either'
import { Hono } from 'hono'
import { stream } from 'hono/streaming'
import { allow } from '../auth/guard'
import type { Principal } from '../auth/tokens'
import { type ApiError, ApiFailure } from '../http/api-error'
import type { AppEnv } from '../http/env'
import { PositionQuery } from '../http/query-codecs'
import { validate } from '../http/validate'
import type { RouteDeps } from './deps'
import { AppendBody } from './event-body'

/**
 * A reporter appends its own unit's facts only: not the registry or schemes (the city's), not another unit's
 * facts, and not manual point adjustments — those are the city's decision about the unit, approved by name.
 */
const CITY_ONLY = new Set(['UnitRegistered', 'SchemePublished', 'PointsAdjusted'])

export const reporterMayAppend = (principal: Principal, envelopes: ReadonlyArray<unknown>): void => {
  if (principal.role !== 'reporter') return
  envelopes.forEach((raw, i) => {
    const e = (typeof raw === 'object' && raw !== null ? raw : {}) as {
      type?: unknown
      data?: { unitId?: unknown }
    }
    const unitId = typeof e.data === 'object' && e.data !== null ? e.data.unitId : undefined
    if (typeof e.type === 'string' && CITY_ONLY.has(e.type))
      throw new ApiFailure({ _tag: 'Forbidden', message: `events.${i}: 填报单位不能写入 ${e.type} 事件` })
    if (typeof unitId === 'string' && unitId !== principal.unitId)
      throw new ApiFailure({
        _tag: 'Forbidden',
        message: `events.${i}: 填报单位 ${principal.unitId} 不能写入单位 ${unitId} 的事件`,
      })
  })
}

const positionOf = (e: RecordedEvent) => ({
  id: e.id,
  stream: e.stream,
  revision: e.revision.toString(),
  position: e.position.toString(),
})

/** The acknowledgement: every event's place in the log, and the last position (what a read waits for). */
export const acknowledgement = (r: AppendResult) => ({
  duplicate: r.duplicate,
  position: r.events[r.events.length - 1]?.position.toString() ?? '0',
  events: r.events.map(positionOf),
})

export const unwrap = <A>(r: E.Either<ApiError, A>): A => {
  if (E.isLeft(r)) throw new ApiFailure(r.left)
  return r.right
}

const ExportQuery = strict({}, { from: PositionQuery }, 'ExportQuery')
const PAGE = 1000

export const eventRoutes = (deps: RouteDeps) =>
  new Hono<AppEnv>()
    .post('/v1/events', allow('admin', 'reporter'), validate('json', AppendBody), async (c) => {
      const principal = c.get('principal')
      const { events } = c.req.valid('json')
      reporterMayAppend(principal, events)
      const r = unwrap(
        await appendValidated(deps.store, events, { actor: principal.actor, newId: deps.newId })
      )
      if (!r.duplicate) {
        deps.metrics.appended.inc(r.events.length)
        deps.readModels.appended(r.events.at(-1)!.position)
      }
      return c.json(acknowledgement(r), r.duplicate ? 200 : 201)
    })
    .get('/v1/events/export', allow('admin', 'auditor'), validate('query', ExportQuery), (c) => {
      const from = BigInt(c.req.valid('query').from ?? 0)
      c.header('Content-Type', 'application/x-ndjson; charset=utf-8')
      return stream(c, async (out) => {
        // `from` is inclusive; the store reads strictly after a position.
        let after = from > 0n ? from - 1n : 0n
        for (;;) {
          const page = await deps.store.readAll({ after, maxCount: PAGE })
          if (page.length === 0 || out.aborted) return
          await out.write(`${page.map(exportLine).join('\n')}\n`)
          after = page[page.length - 1]!.position
          if (page.length < PAGE) return
        }
      })
    })
