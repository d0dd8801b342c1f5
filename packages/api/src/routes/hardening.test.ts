/** Hostile and clumsy input found by an adversarial run (issue #11): each gets a clear 4xx, never a 5xx. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Api, givenApi, SCHEME, training } from '../testing/api-spec'

let api: Api
beforeAll(async () => {
  api = await givenApi()
})
afterAll(() => api.close())

describe('retries', () => {
  it('acknowledges a stored SchemePublished sent again with the same id with 200 and stores nothing', async () => {
    const id = '74000000-0000-4000-8000-000000000001'
    const body = {
      events: [
        {
          id,
          type: 'SchemePublished',
          data: { schemeId: SCHEME.schemeId, version: 2, scheme: { ...SCHEME, version: 2 } },
        },
      ],
    }
    expect((await api.post('/v1/events', body)).status).toBe(201)
    const before = await api.everything()
    const again = await api.post('/v1/events', body)
    expect(again.status).toBe(200)
    expect(again.json.duplicate).toBe(true)
    expect(await api.everything()).toEqual(before)
  })

  it('publishes one version for 40 concurrent identical POST /v1/schemes with one Idempotency-Key', async () => {
    const scheme = { ...SCHEME, schemeId: 'idem-2026', title: '幂等测试' }
    const key = { 'Idempotency-Key': '6f1c8f1e-8a57-4f43-9d2c-6b0f2f3f0c11' }
    const replies = await Promise.all(
      Array.from({ length: 40 }, () => api.post('/v1/schemes', scheme, 'admin', key))
    )
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1)
    expect(replies.filter((r) => r.status === 200)).toHaveLength(39)
    expect(new Set(replies.map((r) => r.json.version))).toEqual(new Set([1]))
    expect((await api.store.readStream('scheme-idem-2026')).length).toBe(1)
  })

  it('refuses an Idempotency-Key reused for another scheme body with 409', async () => {
    const key = { 'Idempotency-Key': 'key-reused-with-another-body' }
    const scheme = { ...SCHEME, schemeId: 'idem2-2026' }
    expect((await api.post('/v1/schemes', scheme, 'admin', key)).status).toBe(201)
    const other = await api.post('/v1/schemes', { ...scheme, title: '另一份' }, 'admin', key)
    expect(other.status).toBe(409)
  })

  it('says the same id twice in one batch is repeated, not "exists with other content" (422, nothing stored)', async () => {
    const id = '74000000-0000-4000-8000-000000000002'
    const before = await api.everything()
    const r = await api.post('/v1/events', {
      events: [
        { id, ...training('lizhou') },
        { id, ...training('lizhou') },
      ],
    })
    expect(r.status).toBe(422)
    expect(r.json.error.issues[0].path).toBe('events.1.id')
    expect(r.json.error.issues[0].message).toContain('在本批次中重复出现')
    expect(await api.everything()).toEqual(before)
  })
})

describe('bad parameters and bodies', () => {
  it('answers 400 to a scheme nested 6,000 deep', async () => {
    const r = await api.request('POST', '/v1/schemes', {
      as: 'admin',
      raw: `{"categories":${'['.repeat(6000)}${']'.repeat(6000)}}`,
      headers: { 'Content-Type': 'application/json' },
    })
    expect(r.status).toBe(400)
  })

  it('names the upload types an import takes when given another', async () => {
    const r = await api.request('POST', '/v1/imports', {
      as: 'admin',
      raw: '{}',
      headers: { 'Content-Type': 'application/json' },
    })
    expect(r.status).toBe(415)
    expect(r.json.error.message).toContain('text/csv')
    expect(r.json.error.message).not.toContain('应为 application/json')
  })

  it('reports a bad diff `to` at query.to and a bad `from` at query.from', async () => {
    const badTo = await api.get('/v1/schemes/test-2026/diff?from=2026-03-01&to=2026-02-30')
    expect([badTo.status, badTo.json.error.issues.map((i: { path: string }) => i.path)]).toEqual([
      400,
      ['query.to'],
    ])
    const badFrom = await api.get('/v1/schemes/test-2026/diff?from=yesterday&to=2026-03-02')
    expect([badFrom.status, badFrom.json.error.issues.map((i: { path: string }) => i.path)]).toEqual([
      400,
      ['query.from'],
    ])
  })
})

describe('what a reporter can learn', () => {
  it('reads neither the registry stream nor another unit’s case, and cannot tell another unit’s case from none', async () => {
    await api.post('/v1/events', {
      events: [
        {
          type: 'CaseOpened',
          data: { unitId: 'cangxi', occurredOn: '2026-04-01', caseId: 'cx-secret', kind: 'labor_inspection' },
        },
      ],
    })
    expect((await api.get('/v1/streams/units', 'lizhou')).status).toBe(403)
    const theirs = await api.get('/v1/streams/case-cx-secret', 'lizhou')
    const none = await api.get('/v1/streams/case-no-such-case', 'lizhou')
    expect([theirs.status, none.status]).toEqual([403, 403])
    expect(theirs.json.error.message.replace('cx-secret', 'X')).toBe(
      none.json.error.message.replace('no-such-case', 'X')
    )
    expect((await api.get('/v1/streams/case-cx-secret', 'cangxi')).status).toBe(200)
  })

  it('cannot tell another unit’s case from none by recording a step of it, and is not told whose it is', async () => {
    await api.post('/v1/events', {
      events: [
        {
          type: 'CaseOpened',
          data: { unitId: 'cangxi', occurredOn: '2026-04-01', caseId: 'cx-2', kind: 'labor_inspection' },
        },
      ],
    })
    const hearing = (caseId: string) => ({
      events: [
        {
          type: 'HearingHeld',
          data: { unitId: 'lizhou', occurredOn: '2026-04-02', caseId, leaderAppeared: true },
        },
      ],
    })
    const theirs = await api.post('/v1/events', hearing('cx-2'), 'lizhou')
    const none = await api.post('/v1/events', hearing('cx-none'), 'lizhou')
    expect([theirs.status, none.status]).toEqual([422, 422])
    expect(theirs.json.error.issues[0].message.replace('cx-2', 'X')).toBe(
      none.json.error.issues[0].message.replace('cx-none', 'X')
    )
    expect(theirs.text).not.toContain('cangxi')
    const reopen = await api.post(
      '/v1/events',
      {
        events: [
          {
            type: 'CaseOpened',
            data: { unitId: 'lizhou', occurredOn: '2026-04-03', caseId: 'cx-2', kind: 'labor_inspection' },
          },
        ],
      },
      'lizhou'
    )
    expect(reopen.status).toBe(422)
    expect(reopen.text).not.toContain('cangxi')
  })
})

describe('text a person reads back', () => {
  it('refuses control characters, unpaired surrogates and bidi overrides in free text, storing nothing', async () => {
    const before = await api.everything()
    for (const topic of ['a\u0000b', 'a\u001bb', 'a\u009bb', '\u202e学法', 'a\u2066b', 'a\ud800b']) {
      const r = await api.post('/v1/events', {
        events: [
          {
            type: 'TrainingHeld',
            data: {
              unitId: 'lizhou',
              occurredOn: '2026-04-01',
              sessionId: 'txt-bad',
              kind: 'lecture',
              topic,
              attendees: 3,
            },
          },
        ],
      })
      expect([JSON.stringify(topic), r.status, r.json.error.issues[0].path]).toEqual([
        JSON.stringify(topic),
        r.status >= 400 && r.status < 500 ? r.status : 'not 4xx',
        'events.0.data.topic',
      ])
    }
    expect(await api.everything()).toEqual(before)
    const fine = await api.post('/v1/events', {
      events: [
        {
          type: 'TrainingHeld',
          data: {
            unitId: 'lizhou',
            occurredOn: '2026-04-01',
            sessionId: 'txt-ok',
            kind: 'lecture',
            topic: '学法\t第一讲\n（上）😀',
            attendees: 3,
          },
        },
      ],
    })
    expect(fine.status).toBe(201)
  })
})

describe('a retracted case opening', () => {
  it('keeps the case id its unit’s: another unit cannot open it and so take over the stream (422); the owner can', async () => {
    const open = (unitId: string, occurredOn: string) => ({
      events: [
        {
          type: 'CaseOpened',
          data: { unitId, occurredOn, caseId: 'cx-3', kind: 'labor_inspection', subject: '张三劳动争议' },
        },
      ],
    })
    const opened = await api.post('/v1/events', open('cangxi', '2026-04-01'), 'cangxi')
    const retraction = {
      type: 'EventRetracted',
      data: {
        unitId: 'cangxi',
        occurredOn: '2026-04-02',
        targetEventId: opened.json.events[0].id,
        reason: '录错',
      },
    }
    expect((await api.post('/v1/events', { events: [retraction] }, 'cangxi')).status).toBe(201)
    const before = await api.everything()
    const taken = await api.post('/v1/events', open('lizhou', '2026-04-03'), 'lizhou')
    expect(taken.status).toBe(422)
    expect(taken.json.error.issues[0].path).toBe('events.0.data.caseId')
    expect(taken.text).not.toContain('cangxi')
    expect(await api.everything()).toEqual(before)
    expect((await api.get('/v1/streams/case-cx-3', 'lizhou')).status).toBe(403)
    expect((await api.post('/v1/events', open('cangxi', '2026-04-03'), 'cangxi')).status).toBe(201)
    expect((await api.get('/v1/streams/case-cx-3', 'cangxi')).status).toBe(200)
  })
})

describe('headers', () => {
  it('serves the page and its script with a CSP that allows no inline script, and never framed', async () => {
    for (const path of ['/', '/assets/app.js']) {
      const r = await api.request('GET', path)
      expect(r.status).toBe(200)
      const csp = r.headers.get('Content-Security-Policy') ?? ''
      expect(csp).toContain("script-src 'self'")
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
      expect(r.headers.get('X-Content-Type-Options')).toBe('nosniff')
      expect(r.headers.get('X-Frame-Options')).toBe('DENY')
      expect(r.headers.get('Referrer-Policy')).toBe('no-referrer')
    }
  })

  it('answers API requests with nosniff and no referrer too', async () => {
    const r = await api.get('/v1/units')
    expect(r.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(r.headers.get('Referrer-Policy')).toBe('no-referrer')
  })
})
