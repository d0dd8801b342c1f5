import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Api, givenApi, training } from '../testing/api-spec'

let api: Api
beforeEach(async () => {
  api = await givenApi()
})
afterEach(() => api.close())

describe('GET /v1/streams/{stream}', () => {
  it('pages a stream and gives its revision as ETag', async () => {
    const r = await api.get('/v1/streams/unit-cangxi?limit=3')
    expect(r.status).toBe(200)
    expect(r.headers.get('ETag')).toBe('"3"')
    expect(r.json.events.map((e: { revision: string }) => e.revision)).toEqual(['0', '1', '2'])
    expect(r.json.next).toBe('3')
    const rest = await api.get('/v1/streams/unit-cangxi?from=3')
    expect(rest.json.events).toHaveLength(1)
    expect(rest.json.next).toBeNull()
    const back = await api.get('/v1/streams/unit-cangxi?direction=backwards&limit=1')
    expect(back.json.events[0].revision).toBe('3')
  })

  it('answers 404 for a stream that does not exist', async () => {
    const r = await api.get('/v1/streams/unit-nowhere')
    expect(r.status).toBe(404)
    expect(r.json.error.message).toBe('流 unit-nowhere 不存在')
  })
})

describe('POST /v1/streams/{stream}', () => {
  it('appends with If-Match at the current revision and answers the new ETag', async () => {
    const r = await api.post('/v1/streams/unit-lizhou', { events: [training('lizhou')] }, 'lizhou', {
      'If-Match': '"1"',
    })
    expect(r.status).toBe(201)
    expect(r.headers.get('ETag')).toBe('"2"')
  })

  it('answers 412 for a stale If-Match and stores nothing', async () => {
    const before = await api.everything()
    const r = await api.post('/v1/streams/unit-lizhou', { events: [training('lizhou')] }, 'admin', {
      'If-Match': '"0"',
    })
    expect(r.status).toBe(412)
    expect(r.json.error.code).toBe('precondition_failed')
    expect(r.json.error.message).toContain('"1"')
    expect(await api.everything()).toEqual(before)
  })

  it('creates a case stream with If-None-Match: * once, then answers 412', async () => {
    const opened = {
      type: 'CaseOpened',
      data: { unitId: 'lizhou', occurredOn: '2026-03-02', caseId: 'lz-9', kind: 'labor_arbitration' },
    }
    const first = await api.post('/v1/streams/case-lz-9', { events: [opened] }, 'admin', {
      'If-None-Match': '*',
    })
    expect(first.status).toBe(201)
    const hearing = {
      type: 'HearingHeld',
      data: { unitId: 'lizhou', occurredOn: '2026-03-03', caseId: 'lz-9', leaderAppeared: true },
    }
    const again = await api.post('/v1/streams/case-lz-9', { events: [hearing] }, 'admin', {
      'If-None-Match': '*',
    })
    expect(again.status).toBe(412)
  })

  it('answers 422 for an event of another stream, naming it', async () => {
    const r = await api.post('/v1/streams/unit-lizhou', { events: [training('lizhou'), training('cangxi')] })
    expect(r.status).toBe(422)
    expect(r.json.error.issues).toEqual([
      { path: 'events.1', message: '该事件属于流 unit-cangxi，不属于 unit-lizhou' },
    ])
  })

  it('answers 400 for an If-Match that is not a revision', async () => {
    const r = await api.post('/v1/streams/unit-lizhou', { events: [training('lizhou')] }, 'admin', {
      'If-Match': 'yesterday',
    })
    expect(r.status).toBe(400)
    expect(r.json.error.issues[0].path).toBe('header.If-Match')
  })
})
