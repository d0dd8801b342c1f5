/**
 * @module Appending events: `POST /v1/events` (one batch, all-or-nothing, idempotent by id) and
 * `GET /v1/events/export` (the whole log as NDJSON, streamed page by page — never held in memory).
 */

import { appendValidated } from '@kaoping/app'
import { strict } from '@kaoping/core'
import { type AppendResult, exportLine, type RecordedEvent } from '@kaoping/store'
import * as E from 'fp-ts/Either'
import { Hono } from 'hono'
import { stream } from 'hono/streaming'
import { allow } from '../auth/guard'
import { type ApiError, ApiFailure } from '../http/api-error'
import type { AppEnv } from '../http/env'
import { PositionQuery } from '../http/query-codecs'
import { validate } from '../http/validate'
import type { RouteDeps } from './deps'
import { AppendBody } from './event-body'

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
    .post('/v1/events', allow('admin', 'reporter', 'reviewer'), validate('json', AppendBody), async (c) => {
      const { events } = c.req.valid('json')
      const r = unwrap(
        await appendValidated(deps.store, events, {
          principal: c.get('principal'),
          newId: deps.newId,
          evidence: deps.evidence,
        })
      )
      if (!r.duplicate) {
        deps.metrics.appended.inc(r.events.length)
        deps.readModels.appended(r.events.at(-1)!.position)
      }
      return c.json(acknowledgement(r), r.duplicate ? 200 : 201)
    })
    .get('/v1/events/export', allow('admin', 'reviewer', 'auditor'), validate('query', ExportQuery), (c) => {
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
