import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Api, CITY, givenApi, SCHEME } from '../testing/api-spec'

const WITH_RULE = {
  ...SCHEME,
  rules: [
    {
      id: 'zero-publicity',
      kind: 'zero',
      scope: 'total',
      name: '因政策法规宣传不到位被省厅通报的，计0分',
      when: { metric: { count: 'NotificationReceived', where: { issuer: 'province' } }, gte: 1 },
    },
  ],
}
const EVENTS = [
  ...CITY.map((e) =>
    e.type === 'SchemePublished'
      ? { ...e, data: { schemeId: SCHEME.schemeId, version: 1, scheme: WITH_RULE } }
      : e
  ),
  {
    type: 'NotificationReceived',
    data: {
      unitId: 'cangxi',
      occurredOn: '2026-04-01',
      notificationId: 'n-1',
      issuer: 'province',
      reason: 'policy_publicity_inadequate',
      rectificationRequired: true,
    },
  },
]

let api: Api
beforeEach(async () => {
  api = await givenApi({ events: EVENTS })
})
afterEach(() => api.close())

const appealUntil = new Date(Date.now() + 7 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)
const PRINT = '/print/schemes/test-2026/publications'

describe('GET /print/schemes/{id}/publications/{n}', () => {
  it('prints the ranking, every 计0分 with its reason and events, upheld appeals and the hash, on A4 without script', async () => {
    await api.post('/v1/schemes/test-2026/publications', {
      stage: 'preliminary',
      appealUntil,
      docNumber: '广人社〔2026〕1号',
    })
    await api.post(
      '/v1/events',
      {
        events: [
          {
            type: 'AppealFiled',
            data: {
              unitId: 'lizhou',
              occurredOn: '2026-04-05',
              appealId: 'a1',
              schemeId: 'test-2026',
              indicatorId: 'A1',
              reason: '培训漏计',
            },
          },
        ],
      },
      'lizhou'
    )
    await api.post('/v1/events', {
      events: [
        {
          type: 'AppealDecided',
          data: {
            unitId: 'lizhou',
            occurredOn: '2026-04-06',
            appealId: 'a1',
            decision: 'upheld',
            reason: '签到表齐全',
            points: 1,
          },
        },
      ],
    })
    const final = await api.post('/v1/schemes/test-2026/publications', { stage: 'final' })
    const r = await api.get(`${PRINT}/2`, 'lizhou')
    expect(r.status).toBe(200)
    expect(r.headers.get('Content-Type')).toContain('text/html')
    expect(r.headers.get('Content-Security-Policy')).toContain("default-src 'none'")
    expect(r.text).toContain('@page { size: A4')
    expect(r.text).not.toContain('<script')
    expect(r.text).toContain('考核结果最终结果')
    expect(r.text).toMatch(
      /<td>苍溪县<\/td><td class="mark">计0分<\/td><td>因政策法规宣传不到位被省厅通报的，计0分<\/td><td>被通报 2026-04-01：政策法规宣传不到位/
    )
    // Codes are shown by their Chinese labels, never as is.
    expect(r.text).not.toContain('policy_publicity_inadequate')
    expect(r.text).toContain(
      '<td>利州区</td><td>A1 学法不少于4次</td><td>培训漏计</td><td>支持：签到表齐全</td><td class="n">1.00</td>'
    )
    expect(r.text).toContain(final.json.sha256)
    expect(r.text).toContain('哈希范围：完整结果及其所依据事件的内容，不含计分说明文字')
    expect(r.text).toContain('/publications/2?form=sealed</code> 返回的内容即为被哈希的字节')
  })

  it('answers 401 without a token and 404 for a publication that does not exist', async () => {
    expect((await api.request('GET', `${PRINT}/1`)).status).toBe(401)
    expect((await api.get(`${PRINT}/1`)).status).toBe(404)
  })
})
