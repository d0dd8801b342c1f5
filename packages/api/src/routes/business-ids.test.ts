/** SPEC §3 "Business ids" at the HTTP routes: one real thing is recorded once per unit, a correction frees it. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Api, givenApi, TOKENS } from '../testing/api-spec'

let api: Api
beforeEach(async () => {
  api = await givenApi()
})
afterEach(() => api.close())

const session = (topic: string) => ({
  type: 'TrainingHeld',
  data: {
    unitId: 'lizhou',
    occurredOn: '2026-04-01',
    sessionId: 'lz-2026-04',
    kind: 'lecture',
    topic,
    attendees: 25,
  },
})

describe('a business id through POST /v1/events', () => {
  it('answers 422 to the same training sent twice without ids, naming the event that holds it, storing nothing', async () => {
    const first = await api.post('/v1/events', { events: [session('宪法学习')] }, 'lizhou')
    expect(first.status).toBe(201)
    const holder = first.json.events[0].id
    const before = await api.everything()
    const again = await api.post('/v1/events', { events: [session('宪法学习')] }, 'lizhou')
    expect(again.status).toBe(422)
    expect(again.json.error.code).toBe('rejected')
    expect(again.json.error.issues).toEqual([
      {
        path: 'events.0.data.sessionId',
        message: `学法/培训/考试编号 lz-2026-04 已由事件 ${holder} 记录；如需更正，请先撤回该事件再重新记录`,
      },
    ])
    expect(await api.everything()).toEqual(before)
  })

  it('accepts it again after the unit retracted the first', async () => {
    const first = await api.post('/v1/events', { events: [session('宪法学习')] }, 'lizhou')
    const retraction = {
      type: 'EventRetracted',
      data: {
        unitId: 'lizhou',
        occurredOn: '2026-04-02',
        targetEventId: first.json.events[0].id,
        reason: '主题录错',
      },
    }
    expect((await api.post('/v1/events', { events: [retraction] }, 'lizhou')).status).toBe(201)
    expect((await api.post('/v1/events', { events: [session('民法典学习')] }, 'lizhou')).status).toBe(201)
  })
})

describe('a business id through POST /v1/imports', () => {
  it('refuses a CSV row whose session id a fact appended through the API holds, at its cell', async () => {
    const first = await api.post('/v1/events', { events: [session('宪法学习')] }, 'lizhou')
    const csv =
      '类型,单位代码,发生日期,活动编号,类别,主题,参加人数\nTrainingHeld,lizhou,2026-04-01,lz-2026-04,lecture,宪法学习,25\n'
    const r = await api.app.request('/v1/imports', {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKENS.lizhou}`, 'Content-Type': 'text/csv' },
      body: csv,
    })
    expect(r.status).toBe(422)
    const body = (await r.json()) as { error: { issues: Array<{ path: string; message: string }> } }
    expect(body.error.issues).toEqual([
      {
        path: 'CSV!D2',
        message: `CSV!D2（活动编号）：学法/培训/考试编号 lz-2026-04 已由事件 ${first.json.events[0].id} 记录；如需更正，请先撤回该事件再重新记录`,
      },
    ])
  })
})
