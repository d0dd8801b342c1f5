import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Api, givenApi, SCHEME } from '../testing/api-spec'

let api: Api
beforeEach(async () => {
  api = await givenApi()
})
afterEach(() => api.close())

describe('schemes', () => {
  it('lists each scheme once with its versions', async () => {
    const r = await api.get('/v1/schemes', 'auditor')
    expect(r.json).toEqual({
      schemes: [
        {
          schemeId: 'test-2026',
          title: '测试考核办法',
          appliesTo: 'district',
          period: { from: '2026-01-01', to: '2026-12-31' },
          versions: [1],
        },
      ],
    })
  })

  it('gives a version as it was published, with who and when', async () => {
    const r = await api.get('/v1/schemes/test-2026?version=1')
    expect(r.json).toMatchObject({
      schemeId: 'test-2026',
      version: 1,
      actor: 'fixture (admin)',
      recordedAt: '2026-03-01T00:03:00.000Z',
    })
    expect(r.json.scheme).toEqual(SCHEME)
    expect((await api.get('/v1/schemes/test-2026?version=3')).status).toBe(404)
    expect((await api.get('/v1/schemes/nope')).status).toBe(404)
  })

  it('publishes an amendment as version 2 whatever version the body says, and ranks under it', async () => {
    const amended = {
      ...SCHEME,
      version: 7,
      categories: [
        {
          ...SCHEME.categories[0],
          indicators: [{ ...SCHEME.categories[0]!.indicators[0], scoring: { kind: 'linear', target: 2 } }],
        },
      ],
    }
    const r = await api.post('/v1/schemes', amended)
    expect(r.status).toBe(201)
    expect(r.json).toMatchObject({ schemeId: 'test-2026', version: 2, duplicate: false })
    expect((await api.get('/v1/schemes/test-2026')).json.scheme.version).toBe(2)
    // 利州’s 2 trainings now meet the target of 2: 10.00.
    const ranking = await api.get('/v1/schemes/test-2026/ranking')
    expect(ranking.json.version).toBe(2)
    expect(ranking.json.units.map((u: { total: string }) => u.total)).toEqual(['10.00', '10.00'])
    const old = await api.get('/v1/schemes/test-2026/ranking?version=1')
    expect(old.json.units.map((u: { total: string }) => u.total)).toEqual(['10.00', '5.00'])
  })

  it('publishes a new scheme as version 1 without a version in the body', async () => {
    const { version: _v, ...body } = { ...SCHEME, schemeId: 'other-2026' }
    const r = await api.post('/v1/schemes', body)
    expect(r.status).toBe(201)
    expect(r.json.version).toBe(1)
  })

  it('answers 400 for a mistyped scheme and 422 for one that breaks the language’s rules, storing nothing', async () => {
    const before = await api.everything()
    const typed = await api.post('/v1/schemes', {
      ...SCHEME,
      period: { from: '2026-01-01', to: '2026-02-30' },
      titel: 'x',
    })
    expect(typed.status).toBe(400)
    expect(typed.json.error.issues.map((i: { path: string }) => i.path)).toEqual(['period.to', 'titel'])
    const unknownMetric = {
      ...SCHEME,
      categories: [
        {
          ...SCHEME.categories[0],
          indicators: [{ ...SCHEME.categories[0]!.indicators[0], metric: 'nothing' }],
        },
      ],
    }
    const semantic = await api.post('/v1/schemes', unknownMetric)
    expect(semantic.status).toBe(422)
    expect(semantic.json.error.issues[0].path).toBe('categories.0.indicators.0.metric')
    expect(await api.everything()).toEqual(before)
  })

  it('refuses a scheme naming a metric every object inherits (constructor) or a threshold of 1e309, and keeps ranking', async () => {
    // Both were stored before and then broke scoring for good: every read 503, the server unable to start.
    const before = await api.everything()
    const withMetric = (metric: unknown) => ({
      ...SCHEME,
      categories: [
        { ...SCHEME.categories[0], indicators: [{ ...SCHEME.categories[0]!.indicators[0], metric }] },
      ],
    })
    const inherited = await api.post('/v1/schemes', withMetric('constructor'))
    expect(inherited.status).toBe(422)
    expect(inherited.json.error.issues[0].path).toBe('categories.0.indicators.0.metric')
    const text = JSON.stringify(withMetric({ count: 'TrainingHeld', where: { attendees: { gte: 12345 } } }))
    const huge = await api.request('POST', '/v1/schemes', {
      as: 'admin',
      raw: text.replace('12345', '1e309'),
      headers: { 'Content-Type': 'application/json' },
    })
    expect(huge.status).toBe(400)
    expect(huge.json.error.issues[0].path).toBe('categories.0.indicators.0.metric.where.attendees.gte')
    expect(await api.everything()).toEqual(before)
    expect((await api.get(`/v1/schemes/${SCHEME.schemeId}/ranking`)).status).toBe(200)
  })
})
