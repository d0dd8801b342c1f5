/**
 * @module Evidence files (SPEC §9). `POST /v1/evidence`: the body is the file's bytes, its name in `X-File-Name`
 * (percent-encoded); the type is checked by content (`acceptEvidence`: PDF, JPEG, PNG, DOCX, XLSX, OFD — 415
 * otherwise; the client's Content-Type is not trusted), at most 20 MiB (413; this route has its own body limit,
 * the others keep the app's); answers `{ sha256, size, mediaType }`, 201 when stored now, 200 when these bytes
 * were already stored. `GET /v1/evidence/{sha256}` serves the bytes as an attachment to admin, reviewer and
 * auditor, and to a reporter only when a fact of its unit references the file — and a reporter is answered the
 * same 403 for a file that does not exist, so it cannot probe for other units' files.
 */
import { isDisplaySafe, Sha256, strict } from '@kaoping/core'
import { acceptEvidence, EVIDENCE_MAX_BYTES } from '@kaoping/store'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { allow } from '../auth/guard'
import { ApiFailure } from '../http/api-error'
import type { AppEnv } from '../http/env'
import { validate } from '../http/validate'
import type { RouteDeps } from './deps'

/** The upload route: the app's general body limit leaves it to the one below. */
export const EVIDENCE_PATH = '/v1/evidence'

const Sha256Param = strict({ sha256: Sha256 }, {}, 'EvidenceParam')

const MAX_NAME = 255

/** `X-File-Name`, percent-decoded; a path is cut to its last part. */
const fileName = (header: string | undefined): string => {
  const bad = (message: string) =>
    new ApiFailure({ _tag: 'InvalidRequest', issues: [{ path: 'header.X-File-Name', message }] })
  if (header === undefined || header.trim() === '')
    throw bad('缺少文件名（X-File-Name，百分号编码，如 %E5%AE%9E%E6%96%BD%E6%96%B9%E6%A1%88.pdf）')
  let name: string
  try {
    name = decodeURIComponent(header.trim())
  } catch {
    throw bad(`不是有效的百分号编码：${header}`)
  }
  name = name.split(/[/\\]/).pop()!.trim()
  // No control character at all (a name is one line), nor what else a page must not be shown (bidi overrides…).
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  const control = /[\u0000-\u001f\u007f]/.test(name)
  if (name === '' || name === '.' || name === '..' || control || !isDisplaySafe(name))
    throw bad(`文件名无效：${JSON.stringify(name)}`)
  if ([...name].length > MAX_NAME) throw bad(`文件名超过 ${MAX_NAME} 个字符`)
  return name
}

/** RFC 6266 / RFC 5987: an ASCII fallback for old clients, and the exact name as UTF-8 in `filename*`. */
export const contentDisposition = (name: string): string => {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`
  )
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`
}

export const evidenceRoutes = (deps: RouteDeps) =>
  new Hono<AppEnv>()
    .post(
      EVIDENCE_PATH,
      allow('admin', 'reviewer', 'reporter'),
      bodyLimit({
        maxSize: EVIDENCE_MAX_BYTES,
        onError: () => {
          throw new ApiFailure({ _tag: 'PayloadTooLarge', limitBytes: EVIDENCE_MAX_BYTES })
        },
      }),
      async (c) => {
        const name = fileName(c.req.header('X-File-Name'))
        const bytes = new Uint8Array(await c.req.arrayBuffer())
        if (bytes.length === 0)
          throw new ApiFailure({ _tag: 'InvalidRequest', issues: [{ path: 'body', message: '文件为空' }] })
        const r = await acceptEvidence(deps.evidence, bytes, name)
        if (r._tag === 'TooLarge') throw new ApiFailure({ _tag: 'PayloadTooLarge', limitBytes: r.limitBytes })
        if (r._tag === 'WrongType')
          throw new ApiFailure({
            _tag: 'UnsupportedMediaType',
            contentType: c.req.header('Content-Type'),
            detail: r.message,
          })
        const { sha256, size, mediaType } = r.put.meta
        // A reporter's unit holds what it uploads: its facts may cite it (app evidence-check.ts), it may read it.
        const principal = c.get('principal')
        if (principal.role === 'reporter' && principal.unitId !== undefined)
          await deps.evidence.addReferences([{ sha256, unitId: principal.unitId }])
        return c.json({ sha256, size, mediaType }, r.put.created ? 201 : 200)
      }
    )
    .get(
      `${EVIDENCE_PATH}/:sha256`,
      allow('admin', 'reviewer', 'auditor', 'reporter'),
      validate('param', Sha256Param),
      async (c) => {
        const { sha256 } = c.req.valid('param')
        const principal = c.get('principal')
        if (
          principal.role === 'reporter' &&
          !(await deps.evidence.isReferencedBy(sha256, principal.unitId ?? ''))
        )
          throw new ApiFailure({
            _tag: 'Forbidden',
            message: `填报单位 ${principal.unitId} 只能下载本单位事件所引用的佐证材料`,
          })
        const file = await deps.evidence.get(sha256)
        if (!file) throw new ApiFailure({ _tag: 'NotFound', message: `没有这份佐证材料：${sha256}` })
        return c.body(new Uint8Array(file.bytes), 200, {
          'Content-Type': file.mediaType,
          'Content-Length': String(file.size),
          'Content-Disposition': contentDisposition(file.name),
          'X-Content-Type-Options': 'nosniff',
          // Never rendered in place: a file that slips through is still inert.
          'Content-Security-Policy': "default-src 'none'; sandbox",
          // Asked again every time (the ETag makes it a 304): a browser's cache keys on the URL, not the token, so
          // a kept copy would be shown to the next person signing in on the same browser without the read check.
          'Cache-Control': 'private, no-cache',
          ETag: `"${sha256}"`,
        })
      }
    )
