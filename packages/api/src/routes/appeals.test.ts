import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Api, givenApi } from '../testing/api-spec'

let api: Api
beforeEach(async () => {
  api = await givenApi()
})
afterEach(() => api.close())

const APPEALS = '/v1/schemes/test-2026/appeals'
const appealUntil = new Date(Date.now() + 7 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)
const filed = (unitId: string, appealId: string, indicatorId?: string) => ({
  type: 'AppealFiled',
  data: {
    unitId,
    occurredOn: '2026-03-05',
    appealId,
    schemeId: 'test-2026',
    reason: '漏计培训',
    ...(indicatorId ? { indicatorId } : {}),
  },
})
const decided = (unitId: string, appealId: string, decision: string, points?: number) => ({
  type: 'AppealDecided',
  data: {
    unitId,
    occurredOn: '2026-03-06',
    appealId,
    decision,
    reason: '经复核',
    ...(points === undefined ? {} : { points }),
  },
})
const publish = () => api.post('/v1/schemes/test-2026/publications', { stage: 'preliminary', appealUntil })

describe('appeals', () => {
  it('lists each appeal with its state, indicator, reason, decision and the adjustment made', async () => {
    await publish()
    expect((await api.post('/v1/events', { events: [filed('lizhou', 'a1', 'A1')] }, 'lizhou')).status).toBe(
      201
    )
    expect((await api.post('/v1/events', { events: [filed('cangxi', 'c1')] }, 'cangxi')).status).toBe(201)
    expect((await api.post('/v1/events', { events: [decided('lizhou', 'a1', 'upheld', 2.5)] })).status).toBe(
      201
    )
    const r = await api.get(APPEALS, 'auditor')
    expect(r.status).toBe(200)
    expect(r.json.appeals).toMatchObject([
      {
        unitId: 'lizhou',
        appealId: 'a1',
        indicatorId: 'A1',
        reason: '漏计培训',
        status: 'upheld',
        decision: { decision: 'upheld', reason: '经复核', occurredOn: '2026-03-06' },
        adjustment: '2.50',
      },
      {
        unitId: 'cangxi',
        appealId: 'c1',
        indicatorId: null,
        status: 'pending',
        decision: null,
        adjustment: null,
      },
    ])
    expect(
      (await api.get(`${APPEALS}?status=pending`)).json.appeals.map((a: { appealId: string }) => a.appealId)
    ).toEqual(['c1'])
  })

  it("shows a reporter only its own unit's appeals, and refuses another unit (403)", async () => {
    await publish()
    await api.post('/v1/events', { events: [filed('lizhou', 'a1')] }, 'lizhou')
    await api.post('/v1/events', { events: [filed('cangxi', 'c1')] }, 'cangxi')
    const own = await api.get(APPEALS, 'lizhou')
    expect(own.json.appeals.map((a: { unitId: string }) => a.unitId)).toEqual(['lizhou'])
    expect((await api.get(`${APPEALS}?unitId=cangxi`, 'lizhou')).status).toBe(403)
    expect((await api.get(`${APPEALS}?unitId=cangxi`, 'reviewer')).json.appeals).toHaveLength(1)
  })

  it('answers 401 without a token, 404 for an unknown scheme, 400 for a bad status', async () => {
    expect((await api.request('GET', APPEALS)).status).toBe(401)
    expect((await api.get('/v1/schemes/nope/appeals')).status).toBe(404)
    expect((await api.get(`${APPEALS}?status=open`)).status).toBe(400)
  })

  it('refuses (422) an appeal before the preliminary publication, and a reporter appealing for another unit (403)', async () => {
    const early = await api.post('/v1/events', { events: [filed('lizhou', 'a1')] }, 'lizhou')
    expect(early.status).toBe(422)
    expect(early.json.error.issues[0].message).toBe(
      '考核办法 test-2026 尚未发布初评结果（初评公示），不能申诉'
    )
    await publish()
    expect((await api.post('/v1/events', { events: [filed('cangxi', 'a1')] }, 'lizhou')).status).toBe(403)
  })

  it('lets only the city decide (403 for a reporter), once (422), only an existing appeal (422)', async () => {
    await publish()
    await api.post('/v1/events', { events: [filed('lizhou', 'a1')] }, 'lizhou')
    expect(
      (await api.post('/v1/events', { events: [decided('lizhou', 'a1', 'upheld')] }, 'lizhou')).status
    ).toBe(403)
    expect((await api.post('/v1/events', { events: [decided('lizhou', 'a9', 'upheld')] })).status).toBe(422)
    expect(
      (await api.post('/v1/events', { events: [decided('lizhou', 'a1', 'upheld', 1)] })).json.error.issues[0]
        .path
    ).toBe('events.0.data.points')
    expect((await api.post('/v1/events', { events: [decided('lizhou', 'a1', 'rejected')] })).status).toBe(201)
    expect((await api.post('/v1/events', { events: [decided('lizhou', 'a1', 'upheld')] })).status).toBe(422)
  })

  it('refuses (422) to withdraw a decided appeal, so its points cannot be carried to a new filing', async () => {
    await publish()
    const filing = await api.post('/v1/events', { events: [filed('lizhou', 'a1', 'A1')] }, 'lizhou')
    expect(
      (await api.post('/v1/events', { events: [decided('lizhou', 'a1', 'partially_upheld', 2)] })).status
    ).toBe(201)
    const before = await api.everything()
    // The swap: withdraw the decided filing and file the same id again (elsewhere, or to shed a decision), in one batch.
    const withdraw = {
      type: 'EventRetracted',
      data: {
        unitId: 'lizhou',
        occurredOn: '2026-03-07',
        targetEventId: filing.json.events[0].id,
        reason: '撤回申诉',
      },
    }
    const r = await api.post('/v1/events', { events: [withdraw, filed('lizhou', 'a1')] }, 'lizhou')
    expect(r.status).toBe(422)
    expect(r.json.error.issues).toEqual([
      {
        path: 'events.0.data.targetEventId',
        message: '单位 lizhou 的申诉 a1 已有复核决定，不能撤回或退回；如需更正，须先由市局撤回该复核决定',
      },
      // …so the appeal still stands, and its id cannot be filed again.
      { path: 'events.1.data.appealId', message: '单位 lizhou 已提出编号为 a1 的申诉，不能重复提出' },
    ])
    expect(await api.everything()).toEqual(before)
    // An undecided appeal may still be withdrawn.
    const other = await api.post('/v1/events', { events: [filed('lizhou', 'a2', 'A1')] }, 'lizhou')
    const undo = { ...withdraw, data: { ...withdraw.data, targetEventId: other.json.events[0].id } }
    expect((await api.post('/v1/events', { events: [undo] }, 'lizhou')).status).toBe(201)
  })

  it('refuses (422) an appeal naming an indicator the scheme does not have', async () => {
    await publish()
    const r = await api.post('/v1/events', { events: [filed('lizhou', 'a1', 'Z9')] }, 'lizhou')
    expect(r.status).toBe(422)
    expect(r.json.error.issues[0]).toEqual({
      path: 'events.0.data.indicatorId',
      message: '考核办法 test-2026 没有指标 Z9',
    })
  })
})
