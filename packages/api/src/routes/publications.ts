/**
 * @module Published results (SPEC §8 steps 4 and 6): publish the full Result as of now with its hash
 * (`POST`, admin; `Idempotency-Key` makes a retry answer the first publication), list the publications, and
 * serve one exactly as published — its canonical JSON, recomputed from the events before its position and checked
 * against the recorded SHA-256 (a mismatch is a 500 `integrity_error`, never a different result).
 */
import { frozenPublication, listPublications, type Publication, publishResult } from '@kaoping/app'
import { IsoDate, NonEmptyString, PublicationStage, sealFormOf, strict } from '@kaoping/core'
import * as E from 'fp-ts/Either'
import { Hono } from 'hono'
import * as t from 'io-ts'
import { allow } from '../auth/guard'
import { ApiFailure } from '../http/api-error'
import type { AppEnv } from '../http/env'
import { PositiveIntQuery } from '../http/query-codecs'
import { validate } from '../http/validate'
import type { RouteDeps } from './deps'

export const PublicationBody = strict(
  { stage: PublicationStage },
  { appealUntil: IsoDate, docNumber: NonEmptyString },
  'PublicationBody'
)
const PublicationParam = strict({ schemeId: t.string, n: PositiveIntQuery }, {}, 'PublicationParam')
const PublicationQuery = strict({}, { form: t.keyof({ whole: null, sealed: null }) }, 'PublicationQuery')

const KEY = /^[\x21-\x7e]{1,200}$/

/**
 * The sealed bytes never change; the whole Result's explanations are worded by the release serving them, so its
 * validator is weak (the same figures, maybe other words).
 */
const etag = (sha256: string, form: 'whole' | 'sealed', unitId?: string) =>
  `${form === 'whole' ? 'W/' : ''}"${sha256}-${form}${unitId === undefined ? '' : `-${unitId}`}"`

const href = (p: Publication) => `/v1/schemes/${p.schemeId}/publications/${p.n}`
const shown = (p: Publication) => ({ ...p, href: href(p) })

/** Frozen bytes already checked against their hash, by event id and form (the log never changes under them). */
const MAX_CACHED = 32

export const publicationRoutes = (deps: RouteDeps) => {
  const checked = new Map<string, string>()
  /** A reporter's part of a checked publication, by `eventId/unitId`: the whole is parsed once per unit, not per read. */
  const parts = new Map<string, string>()
  return new Hono<AppEnv>()
    .post(
      '/v1/schemes/:schemeId/publications',
      allow('admin'),
      validate('json', PublicationBody),
      async (c) => {
        const key = c.req.header('Idempotency-Key')
        if (key !== undefined && !KEY.test(key))
          throw new ApiFailure({
            _tag: 'InvalidRequest',
            issues: [{ path: 'header.Idempotency-Key', message: '应为 1–200 个可见 ASCII 字符' }],
          })
        const body = c.req.valid('json')
        const r = await publishResult(
          deps.store,
          {
            schemeId: c.req.param('schemeId'),
            stage: body.stage,
            ...(body.appealUntil === undefined ? {} : { appealUntil: body.appealUntil }),
            ...(body.docNumber === undefined ? {} : { docNumber: body.docNumber }),
            ...(key === undefined ? {} : { idempotencyKey: key }),
          },
          { principal: c.get('principal'), newId: deps.newId }
        )
        if (E.isLeft(r))
          throw new ApiFailure(
            r.left._tag === 'SchemeNotFound' ? { _tag: 'NotFound', message: r.left.message } : r.left
          )
        const { publication, duplicate } = r.right
        if (!duplicate) {
          deps.metrics.appended.inc(1)
          deps.readModels.appended(await deps.store.headPosition())
        }
        c.header('Location', href(publication))
        return c.json({ ...shown(publication), duplicate }, duplicate ? 200 : 201)
      }
    )
    .get(
      '/v1/schemes/:schemeId/publications',
      allow('admin', 'auditor', 'reviewer', 'reporter'),
      async (c) => {
        const schemeId = c.req.param('schemeId')
        const listed = await listPublications(deps.store, schemeId)
        if (E.isLeft(listed)) throw new ApiFailure(listed.left)
        return c.json({ schemeId, publications: listed.right.map(shown) })
      }
    )
    .get(
      '/v1/schemes/:schemeId/publications/:n',
      allow('admin', 'auditor', 'reviewer', 'reporter'),
      validate('param', PublicationParam),
      validate('query', PublicationQuery),
      async (c) => {
        const { schemeId, n } = c.req.valid('param')
        const form = c.req.valid('query').form ?? 'whole'
        const listed = await listPublications(deps.store, schemeId)
        if (E.isLeft(listed)) throw new ApiFailure(listed.left)
        const p = listed.right[n - 1]
        let json = p === undefined ? undefined : checked.get(`${p.eventId}/${form}`)
        if (json === undefined || p === undefined) {
          const frozen = await frozenPublication(deps.store, schemeId, n)
          if (E.isLeft(frozen)) throw new ApiFailure(frozen.left)
          json = form === 'whole' ? frozen.right.json : frozen.right.sealedJson
          if (checked.size >= MAX_CACHED) checked.delete(checked.keys().next().value!)
          checked.set(`${frozen.right.publication.eventId}/${form}`, json)
        }
        const { sha256, eventId } = listed.right[n - 1]!
        const seal = sealFormOf(listed.right[n - 1]!)
        // A reporter reads only its own unit through every route (SPEC §6): the frozen Result with its own entry
        // alone — every other unit's breakdown, self-assessment and appeals stay out. The hash is still the whole
        // publication's (X-Result-Sha256); the body says it is a part (X-Result-Part), and so does its ETag.
        const principal = c.get('principal')
        if (principal.role === 'reporter') {
          const key = `${eventId}/${form}/${principal.unitId}`
          let own = parts.get(key)
          if (own === undefined) {
            const whole = JSON.parse(json) as { units: ReadonlyArray<{ unitId: string }> }
            own = JSON.stringify({
              ...whole,
              units: whole.units.filter((u) => u.unitId === principal.unitId),
            })
            if (parts.size >= MAX_CACHED * 8) parts.delete(parts.keys().next().value!)
            parts.set(key, own)
          }
          return c.body(own, 200, {
            'Content-Type': 'application/json; charset=utf-8',
            ETag: etag(sha256, form, principal.unitId),
            'X-Result-Sha256': sha256,
            'X-Result-Seal': seal,
            'X-Result-Part': `unit=${principal.unitId}`,
          })
        }
        return c.body(json, 200, {
          'Content-Type': 'application/json; charset=utf-8',
          ETag: etag(sha256, form),
          'X-Result-Sha256': sha256,
          'X-Result-Seal': seal,
        })
      }
    )
}
