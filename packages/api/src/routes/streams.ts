/**
 * @module One stream: `GET /v1/streams/{stream}` pages through it and answers its revision as an ETag;
 * `POST /v1/streams/{stream}` appends events that must all belong to it, with `If-Match: "revision"`
 * (or `If-None-Match: *` for a new stream) as the optimistic-concurrency check (412 when stale).
 */

import { appendValidated } from '@kaoping/app'
import { strict } from '@kaoping/core'
import { exportLine, type RecordedEvent } from '@kaoping/store'
import * as E from 'fp-ts/Either'
import { Hono } from 'hono'
import * as t from 'io-ts'
import { allow } from '../auth/guard'
import type { Principal } from '../auth/tokens'
import { ApiFailure } from '../http/api-error'
import type { AppEnv } from '../http/env'
import { PositionQuery, PositiveIntQuery } from '../http/query-codecs'
import { validate } from '../http/validate'
import type { RouteDeps } from './deps'
import { AppendBody } from './event-body'
import { acknowledgement } from './events'

const StreamQuery = strict(
  {},
  {
    from: PositionQuery,
    limit: PositiveIntQuery,
    direction: t.keyof({ forwards: null, backwards: null }, '"forwards" | "backwards"'),
  },
  'StreamQuery'
)

const MAX_PAGE = 1000

/**
 * A reporter reads its own unit's stream, its own cases and the schemes — nothing else, not even the registry
 * (it would list every unit). Another unit's case and a case that does not exist get the same 403, so a
 * reporter cannot probe which case ids exist.
 */
const mayRead = async (deps: RouteDeps, principal: Principal, stream: string): Promise<void> => {
  if (principal.role !== 'reporter') return
  const notYours = () =>
    new ApiFailure({
      _tag: 'Forbidden',
      message: `填报单位 ${principal.unitId} 只能查看本单位的流，${stream} 不是`,
    })
  if (stream.startsWith('scheme-')) return
  if (stream === `unit-${principal.unitId}`) return
  if (stream.startsWith('case-')) {
    const [opened] = await deps.store.readStream(stream, { maxCount: 1 })
    const unitId = (opened?.data as { unitId?: string } | undefined)?.unitId
    if (unitId === principal.unitId) return
  }
  throw notYours()
}

const etag = (revision: bigint) => `"${revision}"`

/** `If-Match: "5"` → 5; `If-None-Match: *` → the stream must not exist yet. */
const expectation = (ifMatch: string | undefined, ifNoneMatch: string | undefined) => {
  if (ifNoneMatch?.trim() === '*') return 'no_stream' as const
  if (ifMatch === undefined) return undefined
  const m = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(ifMatch)
  if (!m)
    throw new ApiFailure({
      _tag: 'InvalidRequest',
      issues: [{ path: 'header.If-Match', message: `应为流的版本号（如 "5"），实际为 ${ifMatch}` }],
    })
  return Number(m[1])
}

export const streamRoutes = (deps: RouteDeps) =>
  new Hono<AppEnv>()
    .get(
      '/v1/streams/:stream',
      allow('admin', 'reviewer', 'auditor', 'reporter'),
      validate('query', StreamQuery),
      async (c) => {
        const stream = c.req.param('stream')
        await mayRead(deps, c.get('principal'), stream)
        const q = c.req.valid('query')
        const limit = Math.min(q.limit ?? 100, MAX_PAGE)
        const direction = q.direction ?? 'forwards'
        const [last] = await deps.store.readStream(stream, { direction: 'backwards', maxCount: 1 })
        if (!last) throw new ApiFailure({ _tag: 'NotFound', message: `流 ${stream} 不存在` })
        const events = await deps.store.readStream(stream, {
          direction,
          maxCount: limit,
          ...(q.from === undefined ? {} : { fromRevision: BigInt(q.from) }),
        })
        const tail = events[events.length - 1]
        const more =
          tail !== undefined &&
          events.length === limit &&
          (direction === 'forwards' ? tail.revision < last.revision : tail.revision > 0n)
        c.header('ETag', etag(last.revision))
        return c.json({
          stream,
          revision: last.revision.toString(),
          events: events.map((e: RecordedEvent) => JSON.parse(exportLine(e)) as unknown),
          next: more ? (direction === 'forwards' ? tail.revision + 1n : tail.revision - 1n).toString() : null,
        })
      }
    )
    .post(
      '/v1/streams/:stream',
      allow('admin', 'reporter', 'reviewer'),
      validate('json', AppendBody),
      async (c) => {
        const stream = c.req.param('stream')
        const principal = c.get('principal')
        const { events } = c.req.valid('json')
        const expected = expectation(c.req.header('If-Match'), c.req.header('If-None-Match'))
        // The header's expectation rides on the first envelope, where the store checks it against the revision read.
        const envelopes =
          expected === undefined
            ? events
            : events.map((e, i) =>
                i === 0 && typeof e === 'object' && e !== null ? { ...e, expectedRevision: expected } : e
              )
        const r = await appendValidated(deps.store, envelopes, {
          principal,
          newId: deps.newId,
          stream,
          evidence: deps.evidence,
        })
        if (E.isLeft(r)) {
          if (r.left._tag === 'WrongExpectedVersion' && expected !== undefined)
            throw new ApiFailure({
              _tag: 'PreconditionFailed',
              message: `流 ${stream} 已不是 If-Match 所指的版本（当前：${r.left.actual === null ? '不存在' : `"${r.left.actual}"`}），请重新读取后重试`,
            })
          throw new ApiFailure(r.left)
        }
        if (!r.right.duplicate) {
          deps.metrics.appended.inc(r.right.events.length)
          deps.readModels.appended(r.right.events.at(-1)!.position)
        }
        const last = r.right.events.filter((e) => e.stream === stream).at(-1)
        if (last) c.header('ETag', etag(last.revision))
        return c.json(acknowledgement(r.right), r.right.duplicate ? 200 : 201)
      }
    )
