import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Api, givenApi, training } from '../testing/api-spec'

let api: Api
beforeEach(async () => {
  api = await givenApi()
})
afterEach(() => api.close())

describe('operations', () => {
  it('reports health with the projection caught up to the head', async () => {
    const r = await api.request('GET', '/healthz')
    expect(r.status).toBe(200)
    expect(r.json).toEqual({ status: 'ok', head: '9', position: '9', lag: '0' })
  })

  it('counts requests by route pattern and appended events in Prometheus text', async () => {
    await api.get('/v1/schemes/test-2026/ranking')
    await api.get('/v1/schemes/test-2026/ranking')
    await api.post('/v1/events', { events: [training('lizhou'), training('cangxi')] })
    const r = await api.request('GET', '/metrics')
    expect(r.headers.get('Content-Type')).toContain('text/plain')
    expect(r.text).toContain(
      'kaoping_http_requests_total{method="GET",route="/v1/schemes/:schemeId/ranking",status="200"} 2'
    )
    expect(r.text).toContain('kaoping_events_appended_total 2')
    expect(r.text).toMatch(/kaoping_projection_lag_events \d+/)
    expect(r.text).toContain('kaoping_http_request_duration_seconds_bucket')
  })

  it('gives every request an id, or keeps the caller’s', async () => {
    const mine = await api.request('GET', '/healthz', { headers: { 'X-Request-Id': 'abc-123' } })
    expect(mine.headers.get('X-Request-Id')).toBe('abc-123')
    const theirs = await api.request('GET', '/healthz')
    expect(theirs.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('answers 404 in the error shape for an unknown route', async () => {
    const r = await api.get('/v1/nothing')
    expect(r.status).toBe(404)
    expect(r.json.error).toEqual({ code: 'not_found', message: '没有这个接口：GET /v1/nothing', issues: [] })
  })
})

describe('GET /v1/openapi.json', () => {
  it('lists every route of SPEC §6 with its roles, without a token', async () => {
    const r = await api.request('GET', '/v1/openapi.json')
    expect(r.status).toBe(200)
    const ops = Object.entries(r.json.paths as Record<string, Record<string, unknown>>).flatMap(([p, m]) =>
      Object.keys(m).map((verb) => `${verb.toUpperCase()} ${p}`)
    )
    expect(ops.sort()).toEqual(
      [
        'POST /v1/events',
        'POST /v1/imports',
        'GET /v1/events/export',
        'GET /v1/streams/{stream}',
        'POST /v1/streams/{stream}',
        'GET /v1/units',
        'GET /v1/schemes',
        'GET /v1/schemes/{schemeId}',
        'POST /v1/schemes',
        'GET /v1/schemes/{schemeId}/ranking',
        'GET /v1/schemes/{schemeId}/units/{unitId}',
        'GET /v1/schemes/{schemeId}/diff',
        'POST /v1/evidence',
        'GET /v1/evidence/{sha256}',
        'POST /v1/schemes/{schemeId}/publications',
        'GET /v1/schemes/{schemeId}/publications',
        'GET /v1/schemes/{schemeId}/publications/{n}',
        'GET /v1/schemes/{schemeId}/appeals',
        'GET /v1/review',
        'GET /v1/catalog',
        'GET /v1/template',
        'GET /v1/me',
        'GET /v1/schemes/{schemeId}/trend',
        'GET /v1/openapi.json',
        'GET /healthz',
        'GET /metrics',
      ].sort()
    )
    expect(r.json.paths['/v1/events'].post['x-roles']).toEqual(['admin', 'reporter', 'reviewer'])
  })

  it('describes request bodies and parameters from the codecs the server validates with', async () => {
    const doc = (await api.request('GET', '/v1/openapi.json')).json
    const events = doc.paths['/v1/events'].post.requestBody.content['application/json'].schema
    const envelopes = events.properties.events.items.oneOf
    const trainingHeld = envelopes.find(
      (e: { properties: { type: { const: string } } }) => e.properties.type.const === 'TrainingHeld'
    )
    expect(trainingHeld.properties.data.required).toEqual([
      'unitId',
      'occurredOn',
      'sessionId',
      'kind',
      'topic',
      'attendees',
    ])
    expect(trainingHeld.properties.data.properties.occurredOn).toMatchObject({
      type: 'string',
      format: 'date',
    })
    expect(trainingHeld.properties.data.additionalProperties).toBe(false)
    const ranking = doc.paths['/v1/schemes/{schemeId}/ranking'].get.parameters
    expect(ranking.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual([
      'path:schemeId',
      'query:asOf',
      'query:basis',
      'query:version',
      'query:format',
      'query:view',
    ])
    expect(ranking[2].schema).toEqual({ type: 'string', enum: ['recorded', 'occurred'] })
    // The scheme language is recursive (a ratio of metrics): it is a named component.
    expect(doc.components.schemas.Metric.oneOf.length).toBeGreaterThan(5)
    expect(
      doc.paths['/v1/schemes'].post.requestBody.content['application/json'].schema.required
    ).not.toContain('version')
  })
})

describe('unavailable', () => {
  it('answers 503 projection_lagging when the read models cannot catch up in time', async () => {
    const lagging = await givenApi({
      with: (d) => ({ ...d, readTimeoutMs: 20, readModels: { ...d.readModels, settle: async () => false } }),
    })
    const r = await lagging.get('/v1/schemes/test-2026/ranking')
    expect(r.status).toBe(503)
    expect(r.json.error.code).toBe('projection_lagging')
    await lagging.close()
  })

  it('refuses appends with 503 while draining for shutdown, and still answers reads', async () => {
    const draining = await givenApi({ with: (d) => ({ ...d, draining: () => true }) })
    const before = await draining.everything()
    const r = await draining.post('/v1/events', { events: [training('lizhou')] })
    expect(r.status).toBe(503)
    expect(r.json.error).toEqual({ code: 'shutting_down', message: '服务正在停止，请稍后重试', issues: [] })
    expect(await draining.everything()).toEqual(before)
    expect((await draining.get('/v1/units')).status).toBe(200)
    await draining.close()
  })

  it('reports 503 degraded health when the projection runner has stopped', async () => {
    const stopped = await givenApi({ with: (d) => ({ ...d, problem: () => '未知事件类型 Foo（位置 12）' }) })
    const r = await stopped.request('GET', '/healthz')
    expect(r.status).toBe(503)
    expect(r.json.status).toBe('degraded')
    expect(r.json.problem).toBe('未知事件类型 Foo（位置 12）')
    await stopped.close()
  })

  it('reports 503 degraded, saying why, when the store’s head is behind the read models’ checkpoint', async () => {
    // An EventStoreDB restarted empty, or a store restored from an older backup: head 0, checkpoint 9.
    const emptied = await givenApi({
      with: (d) => ({ ...d, readModels: { ...d.readModels, head: async () => 0n } }),
    })
    const r = await emptied.request('GET', '/healthz')
    expect(r.status).toBe(503)
    expect(r.json).toMatchObject({ status: 'degraded', head: '0', position: '9' })
    expect(r.json.problem).toMatch(
      /^事件存储的最新位置 0 落后于读模型的检查点 9：存储被清空、重启后为空或从较旧的备份恢复/
    )
    await emptied.close()
  })

  it('writes each log line with its ISO 8601 time', async () => {
    await api.get('/v1/units')
    expect(api.logs.length).toBeGreaterThan(0)
    for (const line of api.logs)
      expect((JSON.parse(line) as { time: unknown }).time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  })

  it('answers 503 store_unavailable when the event store does not answer a read', async () => {
    const { StoreUnavailableError } = await import('@kaoping/store')
    const away = await givenApi({
      with: (d) => ({
        ...d,
        store: {
          ...d.store,
          readStream: async () => {
            throw new StoreUnavailableError('事件存储暂时不可用：14 UNAVAILABLE')
          },
        },
      }),
    })
    const r = await away.get('/v1/streams/unit-lizhou')
    expect(r.status).toBe(503)
    expect(r.json.error.code).toBe('store_unavailable')
    await away.close()
  })

  it('answers 500 with the request id, never the stack, when something unexpected breaks', async () => {
    const broken = await givenApi({
      with: (d) => ({
        ...d,
        readModels: {
          ...d.readModels,
          units: () => {
            throw new Error('disk on fire')
          },
        },
      }),
    })
    const r = await broken.request('GET', '/v1/units', { as: 'admin', headers: { 'X-Request-Id': 'req-42' } })
    expect(r.status).toBe(500)
    expect(r.json.error).toEqual({
      code: 'internal',
      message: '服务器内部错误（请求编号 req-42）',
      issues: [],
    })
    expect(broken.logs.join('')).toContain('disk on fire')
    await broken.close()
  })
})

describe('the web page’s files', () => {
  it('serves the page, its stylesheet and its bundled script without a token, and 404 for anything else', async () => {
    const api = await givenApi()
    const page = await api.request('GET', '/')
    expect(page.status).toBe(200)
    expect(page.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
    expect(page.text).toContain('<script type="module" src="/assets/app.js">')
    const script = await api.request('GET', '/assets/app.js')
    expect(script.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8')
    // ECharts is bundled in, not fetched from a CDN.
    expect(script.text.length).toBeGreaterThan(200_000)
    expect(script.text).not.toMatch(/https?:\/\/(cdn|unpkg|jsdelivr)/)
    expect((await api.request('GET', '/assets/style.css')).status).toBe(200)
    expect((await api.request('GET', '/assets/secret.json')).status).toBe(404)
    await api.close()
  })
})
