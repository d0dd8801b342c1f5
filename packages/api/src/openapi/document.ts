/**
 * @module The OpenAPI 3.1 document, generated from the app itself: every registered route, the codecs of
 * its validators (the very ones that check requests) and the roles `allow(...)` names. Nothing here is
 * written per route by hand except a one-line summary.
 */
import { CATALOG, EVENT_TYPES, entryOf, rolesFor } from '@kaoping/core'
import type { Hono } from 'hono'
import type { RolesMeta } from '../auth/guard'
import { STATUS } from '../http/api-error'
import type { ValidatorMeta } from '../http/validate'
import { type JsonSchema, SchemaBook } from './json-schema'

type Meta = (ValidatorMeta | RolesMeta)['openapi']

const SUMMARY: Readonly<Record<string, string>> = {
  'POST /v1/events': '追加一批事件（全部成功或全部不写入；按 id 幂等）',
  'GET /v1/events/export': '导出事件（NDJSON，流式）',
  'POST /v1/imports': '上传事件表格（按模板填写的 XLSX 或 CSV；全部成功或全部不写入）',
  'GET /v1/streams/{stream}': '读取一个事件流（ETag 为流的版本号）',
  'POST /v1/streams/{stream}': '向一个事件流追加事件（If-Match 乐观并发）',
  'GET /v1/units': '被考核单位列表',
  'GET /v1/template': '下载事件导入模板（XLSX，单位、考核办法、指标列带下拉列表）',
  'GET /v1/schemes': '考核办法列表',
  'GET /v1/schemes/{schemeId}': '考核办法（某一版本的原文）',
  'POST /v1/schemes': '发布考核办法（已存在时发布下一版）',
  'GET /v1/schemes/{schemeId}/ranking': '排名（可回溯到某一时点、按另一版本评分；JSON 或 CSV）',
  'GET /v1/schemes/{schemeId}/units/{unitId}': '单位得分明细（含说明与分页的事件）',
  'GET /v1/schemes/{schemeId}/diff': '两个时点之间的变化（逐单位、逐指标）',
  'POST /v1/evidence':
    '上传佐证材料（请求体为文件本身，X-File-Name 为百分号编码的文件名；按内容识别类型，至多 20 MiB）',
  'GET /v1/evidence/{sha256}': '下载佐证材料（填报单位：仅本单位事件引用的）',
  'GET /v1/openapi.json': '本文档',
  'GET /healthz': '健康检查',
  'GET /metrics': 'Prometheus 指标',
}

const ERROR_BODY: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'issues'],
      properties: {
        code: { type: 'string', enum: [...new Set(Object.values(STATUS).map((s) => s.code))] },
        message: { type: 'string' },
        issues: {
          type: 'array',
          items: {
            type: 'object',
            required: ['path', 'message'],
            properties: { path: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
}

const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}')

const parametersOf = (
  codec: ValidatorMeta['openapi']['codec'],
  where: 'query' | 'path',
  book: SchemaBook
) => {
  const schema = book.of(codec) as { properties?: Record<string, JsonSchema>; required?: string[] }
  return Object.entries(schema.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (schema.required ?? []).includes(name),
    schema: s,
  }))
}

/** Only the route table is read, so any app's env will do. */
export const openApiDocument = (
  app: { readonly routes: Hono['routes'] },
  info: { readonly version: string }
) => {
  const book = new SchemaBook()
  const operations = new Map<string, { method: string; path: string; metas: Meta[] }>()
  for (const r of app.routes) {
    // The API only: the web page and its assets are not part of it.
    if (r.method === 'ALL' || !(r.path.startsWith('/v1/') || r.path === '/healthz' || r.path === '/metrics'))
      continue
    const key = `${r.method} ${openApiPath(r.path)}`
    const op =
      operations.get(key) ??
      operations.set(key, { method: r.method, path: openApiPath(r.path), metas: [] }).get(key)!
    const meta = (r.handler as Partial<ValidatorMeta | RolesMeta>).openapi
    if (meta) op.metas.push(meta)
  }
  const paths: Record<string, Record<string, unknown>> = {}
  for (const [key, op] of operations) {
    const validators = op.metas.filter((m): m is ValidatorMeta['openapi'] => m.kind === 'validator')
    const roles = op.metas.find((m): m is RolesMeta['openapi'] => m.kind === 'roles')?.roles
    const body = validators.find((v) => v.target === 'json')
    const query = validators.find((v) => v.target === 'query')
    const pathNames = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)
    const parameters = [
      ...pathNames.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      ...(query ? parametersOf(query.codec, 'query', book) : []),
    ]
    const errors = Object.fromEntries(
      [...new Set(Object.values(STATUS).map((s) => s.status))].map((status) => [
        String(status),
        {
          description: Object.entries(STATUS)
            .filter(([, s]) => s.status === status)
            .map(([tag]) => tag)
            .join(', '),
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      ])
    )
    paths[op.path] = paths[op.path] ?? {}
    paths[op.path]![op.method.toLowerCase()] = {
      summary: SUMMARY[key] ?? key,
      ...(roles
        ? { security: [{ bearer: [] }], 'x-roles': roles, description: `角色：${roles.join(', ')}` }
        : { security: [] }),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(body
        ? {
            requestBody: { required: true, content: { 'application/json': { schema: book.of(body.codec) } } },
          }
        : {}),
      responses: { '200': { description: 'OK' }, ...(roles || body || query ? errors : {}) },
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'kaoping 考评 API',
      version: info.version,
      description: '法治人社建设目标考核：事件、考核办法、得分、排名、回溯与差异',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: ERROR_BODY, ...Object.fromEntries(book.components) },
    },
    security: [{ bearer: [] }],
    // Who may append each event type (SPEC §3 "Authority"), from the catalog: the append routes check exactly this.
    'x-event-catalog': EVENT_TYPES.map((type) => ({
      type,
      label: CATALOG[type].label,
      authority: CATALOG[type].authority,
      roles: rolesFor(type),
      scope: CATALOG[type].scope,
      ...(entryOf(type).businessId ? { businessId: entryOf(type).businessId } : {}),
    })),
    paths,
  }
}
