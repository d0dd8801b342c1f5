import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Api, givenApi, type Reply, training } from '../testing/api-spec'

let api: Api
beforeEach(async () => {
  api = await givenApi()
})
afterEach(() => api.close())

/** Sends a bad request and checks it changed nothing in the store. */
const rejected = async (send: () => Promise<Reply>): Promise<Reply> => {
  const before = await api.everything()
  const reply = await send()
  expect(await api.everything()).toEqual(before)
  return reply
}

describe('POST /v1/events', () => {
  it('appends a batch and answers each event’s stream, revision and position, recording the actor', async () => {
    const r = await api.post('/v1/events', { events: [training('lizhou'), training('cangxi')] })
    expect(r.status).toBe(201)
    expect(r.json.duplicate).toBe(false)
    expect(r.json.events.map((e: { stream: string; revision: string }) => [e.stream, e.revision])).toEqual([
      ['unit-lizhou', '2'],
      ['unit-cangxi', '4'],
    ])
    expect(r.json.position).toBe('11')
    const [stored] = await api.store.readStream('unit-lizhou', { direction: 'backwards', maxCount: 1 })
    expect(stored?.actor).toBe('市局管理员 (admin)')
  })

  it('acknowledges the same ids and content again with 200 and stores them once', async () => {
    const body = { events: [{ id: '6f1c0b9e-3d2a-4c51-9a8e-1b2c3d4e5f60', ...training('lizhou') }] }
    expect((await api.post('/v1/events', body)).status).toBe(201)
    const again = await api.post('/v1/events', body)
    expect(again.status).toBe(200)
    expect(again.json.duplicate).toBe(true)
    expect(await api.everything()).toHaveLength(10)
  })

  it('rejects a reused id with other content with 409 id_conflict', async () => {
    const id = '6f1c0b9e-3d2a-4c51-9a8e-1b2c3d4e5f61'
    await api.post('/v1/events', { events: [{ id, ...training('lizhou') }] })
    const r = await rejected(() => api.post('/v1/events', { events: [{ id, ...training('cangxi') }] }))
    expect(r.status).toBe(409)
    expect(r.json.error.code).toBe('id_conflict')
  })

  it('rejects a stale expectedRevision with 409 and stores nothing of the batch', async () => {
    const r = await rejected(() =>
      api.post('/v1/events', { events: [training('cangxi'), { ...training('lizhou'), expectedRevision: 0 }] })
    )
    expect(r.status).toBe(409)
    expect(r.json.error.code).toBe('wrong_expected_version')
    expect(r.json.error.message).toContain('unit-lizhou')
  })

  it('answers 400 invalid_json for a body that is not JSON', async () => {
    const r = await rejected(() =>
      api.request('POST', '/v1/events', {
        as: 'admin',
        raw: '{"events": [',
        headers: { 'Content-Type': 'application/json' },
      })
    )
    expect(r.status).toBe(400)
    expect(r.json.error.code).toBe('invalid_json')
    expect(r.json.error.message).toContain('不是有效的 JSON')
  })

  it('answers 415 for a body that is not declared as JSON', async () => {
    const r = await rejected(() =>
      api.request('POST', '/v1/events', {
        as: 'admin',
        raw: JSON.stringify({ events: [training('lizhou')] }),
        headers: { 'Content-Type': 'text/plain' },
      })
    )
    expect(r.status).toBe(415)
    expect(r.json.error.code).toBe('unsupported_media_type')
  })

  it('answers 413 for a body over the limit', async () => {
    await api.close()
    api = await givenApi({ bodyLimitBytes: 1024 })
    const events = Array.from({ length: 20 }, () => training('lizhou'))
    const r = await rejected(() => api.post('/v1/events', { events }))
    expect(r.status).toBe(413)
    expect(r.json.error).toEqual({
      code: 'payload_too_large',
      message: '请求体超过 1024 字节的上限',
      issues: [],
    })
  })

  it('answers 400 naming the path when the body has no events array, or an empty one', async () => {
    const r = await rejected(() => api.post('/v1/events', { event: [] }))
    expect(r.status).toBe(400)
    expect(r.json.error.issues).toEqual([
      { path: 'events', message: '缺少必填字段' },
      { path: 'event', message: '未知字段' },
    ])
    const empty = await rejected(() => api.post('/v1/events', { events: [] }))
    expect(empty.status).toBe(400)
    expect(empty.json.error.issues[0].path).toBe('events')
  })

  it('answers 422 naming each bad event’s path: unknown type, missing and mistyped fields, impossible date', async () => {
    const r = await rejected(() =>
      api.post('/v1/events', {
        events: [
          training('lizhou'),
          { type: 'TrainingHold', data: {} },
          { type: 'TrainingHeld', data: { ...training('lizhou').data, attendees: '二十', topic: undefined } },
          { type: 'TrainingHeld', data: { ...training('lizhou').data, occurredOn: '2026-02-30' } },
        ],
      })
    )
    expect(r.status).toBe(422)
    expect(r.json.error.code).toBe('rejected')
    const paths = r.json.error.issues.map((i: { path: string }) => i.path)
    expect(paths).toEqual([
      'events.1.type',
      'events.2.data.topic',
      'events.2.data.attendees',
      'events.3.data.occurredOn',
    ])
    expect(r.json.error.issues[3].message).toContain('有效日期')
  })

  it('answers 422 for an unknown unit and for a follow-up on another unit’s case', async () => {
    const unknown = await rejected(() => api.post('/v1/events', { events: [training('chaotian')] }))
    expect(unknown.status).toBe(422)
    expect(unknown.json.error.issues[0].path).toBe('events.0.data.unitId')
    await api.post('/v1/events', {
      events: [
        {
          type: 'CaseOpened',
          data: {
            unitId: 'lizhou',
            occurredOn: '2026-03-02',
            caseId: 'lz-1',
            kind: 'administrative_litigation',
          },
        },
      ],
    })
    const foreign = await rejected(() =>
      api.post('/v1/events', {
        events: [
          {
            type: 'HearingHeld',
            data: { unitId: 'cangxi', occurredOn: '2026-03-05', caseId: 'lz-1', leaderAppeared: true },
          },
        ],
      })
    )
    expect(foreign.status).toBe(422)
    expect(foreign.json.error.issues[0].message).toContain('lizhou')
  })
})

describe('GET /v1/events/export', () => {
  it('streams every event as NDJSON lines an import can read back, from a position on', async () => {
    const all = await api.get('/v1/events/export')
    expect(all.status).toBe(200)
    expect(all.headers.get('Content-Type')).toBe('application/x-ndjson; charset=utf-8')
    const lines = all.text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines).toHaveLength(9)
    expect(lines[0]).toMatchObject({
      type: 'UnitRegistered',
      position: '1',
      revision: '0',
      stream: 'units',
      actor: 'fixture (admin)',
    })
    const tail = await api.get('/v1/events/export?from=8')
    expect(
      tail.text
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).position)
    ).toEqual(['8', '9'])
  })

  it('streams a log longer than one page whole', async () => {
    const events = Array.from({ length: 1200 }, () => training('lizhou'))
    expect((await api.post('/v1/events', { events })).status).toBe(201)
    const all = await api.get('/v1/events/export')
    expect(all.text.trimEnd().split('\n')).toHaveLength(1209)
  })

  it('answers 400 for a position that is not a number', async () => {
    const r = await api.get('/v1/events/export?from=abc')
    expect(r.status).toBe(400)
    expect(r.json.error.issues).toEqual([
      { path: 'query.from', message: '应为非负整数（日志位置），实际为 "abc"' },
    ])
  })
})
