import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Api, givenApi, training } from '../testing/api-spec'

let api: Api
beforeEach(async () => {
  api = await givenApi()
})
afterEach(() => api.close())

const RANKING = '/v1/schemes/test-2026/ranking'
// biome-ignore lint/suspicious/noExplicitAny: result entries are inspected field by field
const totals = (json: any) => json.units.map((u: any) => [u.unitId, u.rank, u.total, u.grade])

describe('GET /v1/schemes/{schemeId}/ranking', () => {
  it('ranks 苍溪 4 trainings = 10.00 优秀 first and 利州 2 of 4 = 5.00 合格 second', async () => {
    const r = await api.get(RANKING)
    expect(r.status).toBe(200)
    expect(r.headers.get('Content-Type')).toBe('application/json; charset=utf-8')
    expect(totals(r.json)).toEqual([
      ['cangxi', 1, '10.00', '优秀'],
      ['lizhou', 2, '5.00', '合格'],
    ])
    // The default view is the summary (SPEC §6): counts instead of id lists; view=full carries the ids.
    expect(r.json.units[1].categories[0].indicators[0].eventCount).toBe(2)
    expect(
      (await api.get(`${RANKING}?view=full`)).json.units[1].categories[0].indicators[0].events
    ).toHaveLength(2)
  })

  it('answers 304 to a client that already has the current ranking, and a new ETag after an append', async () => {
    const first = await api.get(RANKING)
    const etag = first.headers.get('ETag')!
    expect(etag).toMatch(/^"[\w-]{27}"$/)
    const again = await api.request('GET', RANKING, { as: 'admin', headers: { 'If-None-Match': etag } })
    expect(again.status).toBe(304)
    expect(again.text).toBe('')
    await api.post('/v1/events', { events: [training('lizhou')] })
    const changed = await api.request('GET', RANKING, { as: 'admin', headers: { 'If-None-Match': etag } })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('ETag')).not.toBe(etag)
  })

  it('sends the ranking gzip-compressed to a client that accepts it, decoding to the same bytes', async () => {
    const { gunzipSync } = await import('node:zlib')
    const plain = await api.get(RANKING)
    const res = await api.app.request(RANKING, {
      headers: { Authorization: 'Bearer admin-token-0123456789abcdef', 'Accept-Encoding': 'gzip, br' },
    })
    expect(res.headers.get('Content-Encoding')).toBe('gzip')
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8')).toBe(plain.text)
  })

  it('serves the same bytes as an as-of query at the last recording (one scoring path)', async () => {
    const now = await api.get(RANKING)
    const asOf = await api.get(`${RANKING}?asOf=${now.json.asOf}`)
    expect(asOf.text).toBe(now.text)
    // The full view too: stored, and made a unit at a time when scored.
    const full = await api.get(`${RANKING}?view=full`)
    const fullAsOf = await api.get(`${RANKING}?asOf=${now.json.asOf}&view=full`)
    expect(fullAsOf.json.units.length).toBeGreaterThan(1)
    expect(fullAsOf.text).toBe(full.text)
  })

  it('sees an append at once: read-your-writes after POST (利州 3 of 4 = 7.50)', async () => {
    expect((await api.post('/v1/events', { events: [training('lizhou')] }, 'lizhou')).status).toBe(201)
    const unit = await api.get('/v1/schemes/test-2026/units/lizhou', 'lizhou')
    expect(unit.json.unit.total).toBe('7.50')
    expect(totals((await api.get(RANKING)).json)[1]).toEqual(['lizhou', 2, '7.50', '合格'])
  })

  it('answers as of an instant on the recorded basis: after 利州’s first training only (2.50)', async () => {
    // Recorded at minutes 1..9 after 2026-03-01T00:00Z: 利州’s trainings at 00:04 and 00:05.
    const r = await api.get(`${RANKING}?asOf=2026-03-01T00:04:30Z`)
    expect(r.json.asOf).toBe('2026-03-01T00:04:30.000Z')
    expect(totals(r.json)).toEqual([
      ['lizhou', 1, '2.50', '合格'],
      ['cangxi', 2, '0.00', '合格'],
    ])
  })

  it('answers on the occurred basis: trainings that happened by a date', async () => {
    await api.post('/v1/events', {
      events: [training('lizhou', '2026-06-01'), training('lizhou', '2026-06-02')],
    })
    const march = await api.get(`${RANKING}?asOf=2026-05-31&basis=occurred`)
    expect(totals(march.json)[1]).toEqual(['lizhou', 2, '5.00', '合格'])
    const june = await api.get(`${RANKING}?asOf=2026-06-30&basis=occurred`)
    expect(totals(june.json)).toEqual([
      ['cangxi', 1, '10.00', '优秀'],
      ['lizhou', 1, '10.00', '优秀'],
    ])
  })

  it('gives a summary view with event counts instead of id lists, now and as of an instant', async () => {
    const full = await api.get(`${RANKING}?view=full`)
    const summary = await api.get(RANKING)
    expect(totals(summary.json)).toEqual(totals(full.json))
    const a1 = summary.json.units[1].categories[0].indicators[0]
    expect(a1).toMatchObject({ id: 'A1', points: '5.00', eventCount: 2 })
    expect(a1.events).toBeUndefined()
    expect(summary.text.length).toBeLessThan(full.text.length)
    const then = await api.get(`${RANKING}?asOf=2026-03-01T00:04:30Z&view=summary`)
    expect(then.json.units[0].categories[0].indicators[0].eventCount).toBe(1)
  })

  it('gives CSV with a header and one row per unit', async () => {
    const r = await api.get(`${RANKING}?format=csv`)
    expect(r.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    const lines = r.text.trim().split(/\r?\n/)
    expect(lines).toHaveLength(3)
    expect(lines[0]).toContain('名次')
    expect(lines[1]).toContain('cangxi')
  })

  it('answers 404 for an unknown scheme or version and 400 for a bad asOf or an unknown parameter', async () => {
    const scheme = await api.get('/v1/schemes/nope/ranking')
    expect(scheme.status).toBe(404)
    expect(scheme.json.error.message).toContain('nope')
    const version = await api.get(`${RANKING}?version=2`)
    expect(version.status).toBe(404)
    expect(version.json.error.message).toBe('考核办法 test-2026 没有第 2 版（已有：1）')
    const asOf = await api.get(`${RANKING}?asOf=2026-13-01`)
    expect(asOf.status).toBe(400)
    expect(asOf.json.error.issues[0].path).toBe('query.asOf')
    const typo = await api.get(`${RANKING}?asof=2026-03-01&basis=today`)
    expect(typo.status).toBe(400)
    expect(typo.json.error.issues).toEqual([
      { path: 'query.basis', message: '应为以下取值之一：recorded | occurred，实际为 "today"' },
      { path: 'query.asof', message: '未知字段' },
    ])
  })
})

describe('GET /v1/schemes/{schemeId}/units/{unitId}', () => {
  it('gives one unit’s entry and the events behind it, paged in log order', async () => {
    const first = await api.get('/v1/schemes/test-2026/units/lizhou?pageSize=1')
    expect(first.status).toBe(200)
    expect(first.json.unit).toMatchObject({ unitId: 'lizhou', total: '5.00', rank: 2 })
    expect(first.json.events).toMatchObject({ page: 1, pageSize: 1, total: 2 })
    expect(first.json.events.items).toHaveLength(1)
    expect(first.json.events.items[0]).toMatchObject({
      type: 'TrainingHeld',
      stream: 'unit-lizhou',
      revision: '0',
      actor: 'fixture (admin)',
    })
    const second = await api.get('/v1/schemes/test-2026/units/lizhou?pageSize=1&page=2')
    expect(second.json.events.items[0].revision).toBe('1')
    expect(first.json.unit.categories[0].indicators[0].events).toEqual([
      first.json.events.items[0].id,
      second.json.events.items[0].id,
    ])
  })

  it('gives one unit’s breakdown as CSV: 利州 A1 2 trainings of 4 → 5.00 of 10', async () => {
    const r = await api.get('/v1/schemes/test-2026/units/lizhou?format=csv')
    expect(r.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    const lines = r.text.trim().split('\r\n')
    expect(lines[0]).toBe('类别,指标代码,指标,取值,得分,满分,计分说明,事件数')
    expect(lines[1]).toMatch(/^学法,A1,学法不少于4次,2\.00,5\.00,10\.00,.*,2$/)
    expect(lines[2]).toBe('总分,,利州区（第 2 名，合格）,,5.00,,,')
  })

  it('answers 404 for a unit outside the scheme', async () => {
    const r = await api.get('/v1/schemes/test-2026/units/chaotian')
    expect(r.status).toBe(404)
    expect(r.json.error.message).toContain('chaotian')
  })
})

describe('GET /v1/schemes/{schemeId}/diff', () => {
  it('lists 利州’s A1 going 5.00 → 7.50 (+2.50) and the event that did it', async () => {
    const ack = await api.post('/v1/events', { events: [training('lizhou')] })
    const id = ack.json.events[0].id
    const r = await api.get('/v1/schemes/test-2026/diff?from=2026-03-01T00:09:30Z&to=2026-03-01T00:10:30Z')
    expect(r.status).toBe(200)
    expect(r.json.units).toEqual([
      {
        unitId: 'lizhou',
        name: '利州区',
        total: { from: '5.00', to: '7.50', rankFrom: 2, rankTo: 2 },
        indicators: [
          { indicatorId: 'A1', from: '5.00', to: '7.50', delta: '2.50', added: [id], removed: [] },
        ],
      },
    ])
  })

  it('answers 400 when from or to is missing', async () => {
    const r = await api.get('/v1/schemes/test-2026/diff?from=2026-03-01')
    expect(r.status).toBe(400)
    expect(r.json.error.issues).toEqual([{ path: 'query.to', message: '缺少必填字段' }])
  })

  it('answers 400 for a range given backwards, naming it, not 404', async () => {
    const r = await api.get('/v1/schemes/test-2026/diff?from=2026-03-02&to=2026-03-01T00:10:30Z')
    expect(r.status).toBe(400)
    expect(r.json.error.issues).toEqual([
      {
        path: 'query.to',
        message:
          'to（北京时间 2026-03-01 08:10:30）早于 from（北京时间 2026-03-02 24:00）：请把较早的时间放在 from',
      },
    ])
  })
})
