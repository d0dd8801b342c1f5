/**
 * @module Schemes: list them, read one version as published, publish the next version (`POST /v1/schemes`;
 * the version number is the server's to give, so an amendment is simply published again).
 */

import { publishScheme } from '@kaoping/app'
import { Scheme, schemeStream, strict } from '@kaoping/core'
import { Hono } from 'hono'
import * as t from 'io-ts'
import { allow } from '../auth/guard'
import { ApiFailure } from '../http/api-error'
import type { AppEnv } from '../http/env'
import { PositiveIntQuery } from '../http/query-codecs'
import { validate } from '../http/validate'
import { type RouteDeps, settled } from './deps'
import { acknowledgement, unwrap } from './events'

const { version: _version, ...required } = Scheme.shape.required
/** A scheme as people write it; `version` may be left out (it is replaced by the next one). */
/** `Idempotency-Key`: 1–200 visible ASCII characters (a UUID, typically). */
export const idempotencyKey = (header: string | undefined): { idempotencyKey?: string } => {
  if (header === undefined) return {}
  if (!/^[\x21-\x7e]{1,200}$/.test(header))
    throw new ApiFailure({
      _tag: 'InvalidRequest',
      issues: [
        {
          path: 'header.Idempotency-Key',
          message: `应为 1–200 个可见 ASCII 字符，实际为 ${JSON.stringify(header.slice(0, 40))}`,
        },
      ],
    })
  return { idempotencyKey: header }
}

export const SchemeBody = strict(required, { ...Scheme.shape.optional, version: t.Int }, 'Scheme')

const VersionQuery = strict({}, { version: PositiveIntQuery }, 'VersionQuery')

interface PublishedData {
  readonly schemeId: string
  readonly version: number
  readonly scheme: unknown
}

export const schemeRoutes = (deps: RouteDeps) =>
  new Hono<AppEnv>()
    .get('/v1/schemes', allow('admin', 'reviewer', 'auditor', 'reporter'), async (c) => {
      await settled(deps, c)
      const byId = new Map<
        string,
        { schemeId: string; title: string; appliesTo: string; period: unknown; versions: number[] }
      >()
      for (const s of deps.readModels.schemes()) {
        const entry = byId.get(s.schemeId)
        if (entry) {
          entry.versions.push(s.version)
          Object.assign(entry, { title: s.title, appliesTo: s.appliesTo, period: s.period })
        } else
          byId.set(s.schemeId, {
            schemeId: s.schemeId,
            title: s.title,
            appliesTo: s.appliesTo,
            period: s.period,
            versions: [s.version],
          })
      }
      return c.json({ schemes: [...byId.values()].sort((a, b) => a.schemeId.localeCompare(b.schemeId)) })
    })
    .get(
      '/v1/schemes/:schemeId',
      allow('admin', 'reviewer', 'auditor', 'reporter'),
      validate('query', VersionQuery),
      async (c) => {
        const schemeId = c.req.param('schemeId')
        const { version } = c.req.valid('query')
        // The scheme stream also holds its published results: only SchemePublished events are versions.
        const published = (await deps.store.readStream(schemeStream(schemeId))).filter(
          (e) => e.type === 'SchemePublished'
        )
        const hit =
          version === undefined
            ? published.at(-1)
            : published.find((e) => (e.data as PublishedData).version === version)
        if (!hit)
          throw new ApiFailure({
            _tag: 'NotFound',
            message:
              published.length === 0
                ? `未找到考核办法 ${schemeId}`
                : `考核办法 ${schemeId} 没有第 ${version} 版（已有：${published.map((e) => (e.data as PublishedData).version).join('、')}）`,
          })
        const data = hit.data as PublishedData
        return c.json({
          schemeId,
          version: data.version,
          recordedAt: hit.recordedAt,
          actor: hit.actor,
          position: hit.position.toString(),
          scheme: data.scheme,
        })
      }
    )
    .post('/v1/schemes', allow('admin'), validate('json', SchemeBody), async (c) => {
      const principal = c.get('principal')
      // The raw body is what is stored (as written), not its decoded form.
      const r = unwrap(
        await publishScheme(
          deps.store,
          await c.req.json(),
          { principal, newId: deps.newId },
          idempotencyKey(c.req.header('Idempotency-Key'))
        )
      )
      if (!r.appended.duplicate) {
        deps.metrics.appended.inc(1)
        deps.readModels.appended(r.appended.events.at(-1)!.position)
      }
      return c.json(
        { schemeId: r.schemeId, version: r.version, ...acknowledgement(r.appended) },
        r.appended.duplicate ? 200 : 201
      )
    })
