/** `GET /v1/schemes/{id}/trend`: each unit's total at each month end, up to the month of the last record. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Api, givenApi } from '../testing/api-spec'

let api: Api
beforeEach(async () => {
  api = await givenApi()
})
afterEach(() => api.close())

describe('GET /v1/schemes/{schemeId}/trend', () => {
  it('gives totals at each month end up to the month of the last record (its partial month included), none before the scheme was published', async () => {
    // The fixture is recorded on 2026-03-01 (UTC, minutes apart): 利州 2 of 4 trainings, 苍溪 4.
    const r = await api.get('/v1/schemes/test-2026/trend')
    expect(r.status).toBe(200)
    expect(r.json.months).toEqual(['2026-01-31', '2026-02-28', '2026-03-31'])
    expect(r.json.units).toEqual([
      { unitId: 'cangxi', name: '苍溪县', totals: [null, null, '10.00'] },
      { unitId: 'lizhou', name: '利州区', totals: [null, null, '5.00'] },
    ])
  })

  it('is not for a reporter (every unit’s totals), and 404 for an unknown scheme', async () => {
    expect((await api.get('/v1/schemes/test-2026/trend', 'lizhou')).status).toBe(403)
    expect((await api.get('/v1/schemes/nope/trend')).status).toBe(404)
  })
})
