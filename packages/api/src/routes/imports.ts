/**
 * @module `POST /v1/imports`: a filled template (XLSX) or a CSV file as the request body — the page's upload.
 * Read with the same readers as `kaoping import`, appended as one batch through the same checks as any append;
 * every problem is answered at its sheet, row and column (`学法、培训、考试!G7`), and nothing of a bad file is stored.
 */

import { importRows } from '@kaoping/app'
import {
  formatSheetIssue,
  placeIssues,
  readEventCsv,
  readEventWorkbook,
  type SheetEvent,
  type SheetIssue,
} from '@kaoping/sheets'
import * as E from 'fp-ts/Either'
import { type Context, Hono } from 'hono'
import { allow } from '../auth/guard'
import { ApiFailure } from '../http/api-error'
import type { AppEnv } from '../http/env'
import type { RouteDeps } from './deps'
import { acknowledgement } from './events'
import { XLSX } from './results'

const asIssues = (issues: ReadonlyArray<SheetIssue>) =>
  issues.map((i) => ({
    path: i.row === 0 ? i.sheet : `${i.sheet}!${i.column}${i.row}`,
    message: formatSheetIssue(i),
  }))

export const importRoutes = (deps: RouteDeps) => {
  // Reading a workbook within the caps (sheets/limits.ts) can still take ≈ 450 MB and seconds: a few at once, the
  // rest asked to come back, so a burst of uploads cannot exhaust the process's memory. Only the reading holds a
  // place — not the upload before it (bounded by the body limit; a slow client must not keep others out) nor the
  // append after it.
  let reading = 0
  const read = async (type: string, bytes: Uint8Array) => {
    if (reading >= deps.importsAtOnce) return undefined
    reading++
    try {
      return type === 'text/csv'
        ? readEventCsv(new TextDecoder().decode(bytes))
        : await readEventWorkbook(bytes)
    } finally {
      reading--
    }
  }
  return new Hono<AppEnv>().post('/v1/imports', allow('admin', 'reporter', 'reviewer'), async (c) => {
    const type = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase()
    if (type !== XLSX && type !== 'text/csv')
      throw new ApiFailure({
        _tag: 'UnsupportedMediaType',
        contentType: c.req.header('Content-Type'),
        expected: `${XLSX}（填写好的模板）或 text/csv`,
      })
    const file = await read(type, new Uint8Array(await c.req.arrayBuffer()))
    if (file === undefined)
      return c.json(
        {
          error: {
            code: 'imports_busy',
            message: `正在读取其他上传的文件（同时最多 ${deps.importsAtOnce} 个），请稍后重试`,
            issues: [],
          },
        },
        503,
        { 'Retry-After': '2' }
      )
    return appendFile(deps, c, file)
  })
}

const appendFile = async (
  deps: RouteDeps,
  c: Context<AppEnv>,
  read: E.Either<SheetIssue[], SheetEvent[]>
) => {
  if (E.isLeft(read)) throw new ApiFailure({ _tag: 'Rejected', issues: asIssues(read.left) })
  if (read.right.length === 0)
    throw new ApiFailure({ _tag: 'Rejected', issues: [{ path: '', message: '文件中没有任何事件' }] })
  const envelopes = read.right.map((e) => e.envelope)
  const r = await importRows(deps.store, envelopes, {
    principal: c.get('principal'),
    newId: deps.newId,
    evidence: deps.evidence,
  })
  if (E.isLeft(r))
    throw new ApiFailure(
      r.left._tag === 'Rejected' || r.left._tag === 'NotAllowed'
        ? { _tag: r.left._tag, issues: asIssues(placeIssues(r.left.issues, read.right)) }
        : r.left
    )
  const { appended, imported, skipped } = r.right
  if (appended && !appended.duplicate) {
    deps.metrics.appended.inc(appended.events.length)
    deps.readModels.appended(appended.events.at(-1)!.position)
  }
  // A file imported again, or grown, stores only its new rows: how many were skipped is said.
  const ack = appended ? acknowledgement(appended) : { duplicate: true, position: '0', events: [] }
  return c.json({ ...ack, imported, skipped }, imported > 0 ? 201 : 200)
}
