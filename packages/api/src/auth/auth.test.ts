import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Api, givenApi, type Reply, training } from '../testing/api-spec'
import { tokenBook } from './tokens'

let api: Api
beforeEach(async () => {
  api = await givenApi()
})
afterEach(() => api.close())

const unchanged = async (send: () => Promise<Reply>): Promise<Reply> => {
  const before = await api.everything()
  const reply = await send()
  expect(await api.everything()).toEqual(before)
  return reply
}

const RANKING = '/v1/schemes/test-2026/ranking'

describe('bearer tokens', () => {
  it('answers 401 without a token, with an unknown token and with another scheme, and stores nothing', async () => {
    const none = await unchanged(() =>
      api.request('POST', '/v1/events', { body: { events: [training('lizhou')] } })
    )
    expect(none.status).toBe(401)
    expect(none.json.error.code).toBe('unauthorized')
    const unknown = await unchanged(() =>
      api.request('POST', '/v1/events', {
        body: { events: [training('lizhou')] },
        headers: { Authorization: 'Bearer not-a-real-token-at-all' },
      })
    )
    expect(unknown.status).toBe(401)
    expect(unknown.json.error.message).toBe('身份令牌无效')
    const basic = await api.request('GET', RANKING, { headers: { Authorization: 'Basic YWRtaW46YWRtaW4=' } })
    expect(basic.status).toBe(401)
  })

  it('never writes a token into the logs', async () => {
    await api.get(RANKING, 'admin')
    await api.request('GET', RANKING, { headers: { Authorization: 'Bearer leaked-token-abcdefghijkl' } })
    const logs = api.logs.join('')
    expect(logs).toContain('市局管理员')
    expect(logs).not.toContain('admin-token')
    expect(logs).not.toContain('leaked-token')
  })

  it('refuses a token file with a short token, a reporter without a unit, or a token given twice', () => {
    const book = tokenBook([
      { token: 'short', role: 'admin' },
      { token: 'long-enough-token-0001', role: 'reporter' },
      { token: 'long-enough-token-0002', role: 'auditor', unitId: 'lizhou' },
      { token: 'long-enough-token-0003', role: 'auditor' },
      { token: 'long-enough-token-0003', role: 'admin' },
    ])
    expect(book._tag).toBe('Left')
    if (book._tag === 'Left')
      expect(book.left).toEqual([
        { path: '0.token', message: '应为至少 16 个字符、不含空白的令牌，实际为 "short"' },
      ])
    const semantic = tokenBook([
      { token: 'long-enough-token-0001', role: 'reporter' },
      { token: 'long-enough-token-0002', role: 'auditor', unitId: 'lizhou' },
      { token: 'long-enough-token-0003', role: 'auditor' },
      { sha256: 'a'.repeat(64), token: 'long-enough-token-0004', role: 'admin' },
      { token: 'long-enough-token-0003', role: 'admin' },
    ])
    expect(semantic).toEqual({
      _tag: 'Left',
      left: [
        { path: '0', message: 'reporter 须绑定 unitId' },
        { path: '1', message: '只有 reporter 可以绑定 unitId' },
        { path: '3', message: 'token 与 sha256 须且只能给出其一' },
        { path: '4', message: '令牌重复' },
      ],
    })
  })

  it('accepts a token file that holds only the token’s SHA-256', async () => {
    const { digest } = await import('./tokens')
    const book = tokenBook([{ sha256: digest('long-enough-token-0009'), role: 'auditor' }])
    expect(book._tag === 'Right' && book.right.authenticate('long-enough-token-0009')?.role).toBe('auditor')
  })
})

describe('roles', () => {
  it('lets an auditor read everything and append nothing (403, nothing stored)', async () => {
    expect((await api.get(RANKING, 'auditor')).status).toBe(200)
    expect((await api.get('/v1/events/export', 'auditor')).status).toBe(200)
    const r = await unchanged(() => api.post('/v1/events', { events: [training('lizhou')] }, 'auditor'))
    expect(r.status).toBe(403)
    expect(r.json.error.code).toBe('forbidden')
    expect((await unchanged(() => api.post('/v1/schemes', {}, 'auditor'))).status).toBe(403)
  })

  it('lets a reporter append its own unit’s facts, recorded under its actor', async () => {
    const r = await api.post('/v1/events', { events: [training('lizhou')] }, 'lizhou')
    expect(r.status).toBe(201)
    const [e] = await api.store.readStream('unit-lizhou', { direction: 'backwards', maxCount: 1 })
    expect(e?.actor).toMatch(/^#[0-9a-f]{8} \(reporter@lizhou\)$/)
  })

  it('forbids a reporter another unit’s facts, the registry, schemes and point adjustments (403, nothing stored)', async () => {
    const other = await unchanged(() =>
      api.post('/v1/events', { events: [training('lizhou'), training('cangxi')] }, 'lizhou')
    )
    expect(other.status).toBe(403)
    expect(other.json.error.issues).toEqual([
      { path: 'events.1.type', message: '填报单位 lizhou 不能写入单位 cangxi 的事件' },
    ])
    const registry = await unchanged(() =>
      api.post(
        '/v1/events',
        { events: [{ type: 'UnitRegistered', data: { unitId: 'x', name: '某区', kind: 'district' } }] },
        'lizhou'
      )
    )
    expect(registry.status).toBe(403)
    const adjust = await unchanged(() =>
      api.post(
        '/v1/events',
        {
          events: [
            {
              type: 'PointsAdjusted',
              data: {
                unitId: 'lizhou',
                occurredOn: '2026-04-01',
                schemeId: 'test-2026',
                indicatorId: 'A1',
                points: 5,
                reason: '自评',
                approvedBy: '自己',
              },
            },
          ],
        },
        'lizhou'
      )
    )
    expect(adjust.status).toBe(403)
  })

  it('lets a reporter read its own unit only: breakdown, units, stream — not the ranking nor another unit', async () => {
    expect((await api.get('/v1/schemes/test-2026/units/lizhou', 'lizhou')).status).toBe(200)
    expect((await api.get('/v1/schemes/test-2026/units/cangxi', 'lizhou')).status).toBe(403)
    expect((await api.get(RANKING, 'lizhou')).status).toBe(403)
    expect((await api.get('/v1/schemes/test-2026/diff?from=2026-03-01&to=2026-03-02', 'lizhou')).status).toBe(
      403
    )
    expect((await api.get('/v1/events/export', 'lizhou')).status).toBe(403)
    expect((await api.get('/v1/units', 'lizhou')).json.units).toEqual([
      { unitId: 'lizhou', name: '利州区', kind: 'district' },
    ])
    expect((await api.get('/v1/streams/unit-lizhou', 'lizhou')).status).toBe(200)
    expect((await api.get('/v1/streams/unit-cangxi', 'lizhou')).status).toBe(403)
    expect((await api.get('/v1/schemes', 'lizhou')).status).toBe(200)
  })
})
