import { createHash } from 'node:crypto'
import { appendValidated } from '@kaoping/app'
import * as E from 'fp-ts/Either'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Api, givenApi, training } from '../testing/api-spec'

let api: Api
beforeEach(async () => {
  api = await givenApi()
})
afterEach(() => api.close())

const PATH = '/v1/schemes/test-2026/publications'
/** A window a week from now, so the tests do not depend on the day they run. */
const appealUntil = new Date(Date.now() + 7 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

describe('POST /v1/schemes/{id}/publications', () => {
  it('publishes the preliminary result: asOf, the head position, the hash of the frozen Result (201)', async () => {
    const r = await api.post(PATH, { stage: 'preliminary', appealUntil, docNumber: '广人社〔2018〕1号' })
    expect(r.status).toBe(201)
    expect(r.json).toMatchObject({
      n: 1,
      schemeId: 'test-2026',
      version: 1,
      stage: 'preliminary',
      position: '9',
      appealUntil,
      docNumber: '广人社〔2018〕1号',
      duplicate: false,
      href: '/v1/schemes/test-2026/publications/1',
      actor: '市局管理员 (admin)',
    })
    expect(r.json.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(r.headers.get('Location')).toBe('/v1/schemes/test-2026/publications/1')
    const frozen = await api.get(`${PATH}/1`, 'auditor')
    expect(r.json.seal).toBe('substance')
    expect(sha((await api.get(`${PATH}/1?form=sealed`, 'auditor')).text)).toBe(r.json.sha256)
    expect(frozen.json.units.map((u: { unitId: string; total: string }) => [u.unitId, u.total])).toEqual([
      ['cangxi', '10.00'],
      ['lizhou', '5.00'],
    ])
    expect(frozen.json.asOf).toBe(r.json.asOf)
  })

  it('answers a retry with the same Idempotency-Key and body with the first publication (200), once for 40 at a time', async () => {
    const headers = { 'Idempotency-Key': 'pub-2026-prelim' }
    const replies = await Promise.all(
      Array.from({ length: 40 }, () =>
        api.request('POST', PATH, { as: 'admin', body: { stage: 'preliminary', appealUntil }, headers })
      )
    )
    expect(replies.map((r) => r.status).sort()).toEqual([...Array(39).fill(200), 201])
    expect(new Set(replies.map((r) => r.json.eventId)).size).toBe(1)
    expect((await api.get(PATH)).json.publications).toHaveLength(1)
  })

  it('refuses the same Idempotency-Key with another body (409)', async () => {
    const headers = { 'Idempotency-Key': 'k1' }
    await api.request('POST', PATH, { as: 'admin', body: { stage: 'preliminary', appealUntil }, headers })
    const r = await api.request('POST', PATH, {
      as: 'admin',
      body: { stage: 'preliminary', appealUntil, docNumber: '另一文号' },
      headers,
    })
    expect(r.status).toBe(409)
    expect(r.json.error.code).toBe('idempotency_conflict')
  })

  it('keeps answering GET /v1/schemes/{id} with the scheme after a result is published in its stream', async () => {
    expect((await api.post(PATH, { stage: 'preliminary', appealUntil })).status).toBe(201)
    const r = await api.get('/v1/schemes/test-2026')
    expect([r.status, r.json.version, r.json.scheme.schemeId]).toEqual([200, 1, 'test-2026'])
  })

  it('publishes twice without a key', async () => {
    await api.post(PATH, { stage: 'preliminary', appealUntil })
    const second = await api.post(PATH, { stage: 'preliminary', appealUntil })
    expect(second.json.n).toBe(2)
  })

  it('is for admins only: 401 without a token, 403 for reporter, reviewer and auditor', async () => {
    const body = { stage: 'preliminary', appealUntil }
    expect((await api.request('POST', PATH, { body })).status).toBe(401)
    for (const as of ['lizhou', 'reviewer', 'auditor'] as const)
      expect((await api.post(PATH, body, as)).status).toBe(403)
    expect(await api.get(PATH)).toMatchObject({ json: { publications: [] } })
  })

  it('answers 404 for an unknown scheme', async () => {
    const r = await api.post('/v1/schemes/nope/publications', { stage: 'preliminary', appealUntil })
    expect(r.status).toBe(404)
  })

  it('answers 400 for a bad body or key, naming the path', async () => {
    const r = await api.post(PATH, { stage: 'draft', appealUntil: '2026-02-30', extra: 1 })
    expect(r.status).toBe(400)
    expect(r.json.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'appealUntil',
      'extra',
      'stage',
    ])
    const badKey = await api.request('POST', PATH, {
      as: 'admin',
      body: { stage: 'preliminary', appealUntil },
      headers: { 'Idempotency-Key': 'k'.repeat(201) },
    })
    expect(badKey.status).toBe(400)
  })

  it('answers 422 for a preliminary without appealUntil, and for a final before any preliminary', async () => {
    const a = await api.post(PATH, { stage: 'preliminary' })
    expect(a.status).toBe(422)
    expect(a.json.error.issues[0].message).toBe('初评公示须给出申诉截止日期')
    const b = await api.post(PATH, { stage: 'final' })
    expect(b.status).toBe(422)
    expect(b.json.error.issues[0].message).toBe('考核办法 test-2026 尚未发布初评结果，不能发布最终结果')
    expect(await api.get(PATH)).toMatchObject({ json: { publications: [] } })
  })

  it('answers 422 for a final publication while an appeal is undecided, and publishes once it is decided', async () => {
    await api.post(PATH, { stage: 'preliminary', appealUntil })
    const appeal = {
      type: 'AppealFiled',
      data: {
        unitId: 'lizhou',
        occurredOn: '2026-03-05',
        appealId: 'a1',
        schemeId: 'test-2026',
        indicatorId: 'A1',
        reason: '漏计培训',
      },
    }
    expect((await api.post('/v1/events', { events: [appeal] }, 'lizhou')).status).toBe(201)
    const early = await api.post(PATH, { stage: 'final' })
    expect(early.status).toBe(422)
    expect(early.json.error.issues[0].path).toBe('events.0.data.stage')
    const decided = {
      type: 'AppealDecided',
      data: {
        unitId: 'lizhou',
        occurredOn: '2026-03-06',
        appealId: 'a1',
        decision: 'rejected',
        reason: '材料不足',
      },
    }
    expect((await api.post('/v1/events', { events: [decided] })).status).toBe(201)
    expect((await api.post(PATH, { stage: 'final' })).json).toMatchObject({ n: 2, stage: 'final' })
    expect((await api.post(PATH, { stage: 'final' })).status).toBe(422)
  })
})

describe('GET /v1/schemes/{id}/publications', () => {
  it('lists the publications in order, to every role', async () => {
    await api.post(PATH, { stage: 'preliminary', appealUntil })
    await api.post(PATH, { stage: 'final' })
    for (const as of ['admin', 'auditor', 'reviewer', 'lizhou'] as const) {
      const r = await api.get(PATH, as)
      expect(r.status).toBe(200)
      expect(r.json.publications.map((p: { n: number; stage: string }) => [p.n, p.stage])).toEqual([
        [1, 'preliminary'],
        [2, 'final'],
      ])
    }
    expect(JSON.stringify((await api.get(PATH)).json)).not.toContain('digests')
  })

  it('answers 401 without a token and 404 for an unknown scheme', async () => {
    expect((await api.request('GET', PATH)).status).toBe(401)
    expect((await api.get('/v1/schemes/nope/publications')).status).toBe(404)
  })
})

describe('GET /v1/schemes/{id}/publications/{n}', () => {
  it('serves the published bytes unchanged after later events moved the live ranking', async () => {
    const published = await api.post(PATH, { stage: 'preliminary', appealUntil })
    const before = await api.get(`${PATH}/1`)
    await api.post('/v1/events', { events: [training('lizhou'), training('lizhou')] })
    const live = await api.get('/v1/schemes/test-2026/ranking?view=full')
    expect(live.json.units.map((u: { total: string }) => u.total)).toEqual(['10.00', '10.00'])
    const after = await api.get(`${PATH}/1`, 'auditor')
    expect(after.text).toBe(before.text)
    expect(after.headers.get('ETag')).toBe(`W/"${published.json.sha256}-whole"`)
    expect(sha((await api.get(`${PATH}/1?form=sealed`, 'auditor')).text)).toBe(published.json.sha256)
  })

  it('serves the whole Result, and with form=sealed the bytes its hash covers: without the prose, with the facts digested', async () => {
    const published = await api.post(PATH, { stage: 'preliminary', appealUntil })
    const whole = await api.get(`${PATH}/1`, 'auditor')
    const sealed = await api.get(`${PATH}/1?form=sealed`, 'auditor')
    expect(whole.headers.get('X-Result-Seal')).toBe('substance')
    expect(sealed.headers.get('X-Result-Sha256')).toBe(published.json.sha256)
    expect(sealed.headers.get('ETag')).not.toBe(whole.headers.get('ETag'))
    expect(whole.json.units[0].categories[0].indicators[0].explanation).toEqual(expect.any(String))
    expect(sealed.text).not.toContain('"explanation"')
    // Everything else is the same: the seal leaves out only the engine's words, and digests each figure's facts.
    const unworded = JSON.parse(whole.text, (key, value) => (key === 'explanation' ? undefined : value))
    const undigested = JSON.parse(sealed.text, (key, value) => (key === 'facts' ? undefined : value))
    expect(undigested).toEqual(unworded)
    expect(sealed.json.units[0].categories[0].indicators[0].facts).toMatch(/^[0-9a-f]{64}$/)
    expect((await api.get(`${PATH}/1?form=nope`, 'auditor')).status).toBe(400)
  })

  it('gives a reporter the publication with its own unit’s entry alone, naming the whole’s hash', async () => {
    const published = await api.post(PATH, { stage: 'preliminary', appealUntil })
    const whole = await api.get(`${PATH}/1`, 'auditor')
    const part = await api.get(`${PATH}/1`, 'lizhou')
    expect(whole.json.units.map((u: { unitId: string }) => u.unitId).sort()).toEqual(['cangxi', 'lizhou'])
    expect(part.status).toBe(200)
    expect(part.json).toEqual({
      ...whole.json,
      units: whole.json.units.filter((u: { unitId: string }) => u.unitId === 'lizhou'),
    })
    expect(part.headers.get('X-Result-Sha256')).toBe(published.json.sha256)
    expect(part.headers.get('X-Result-Part')).toBe('unit=lizhou')
    expect(part.headers.get('ETag')).not.toBe(whole.headers.get('ETag'))
  })

  it('answers 404 for a publication that does not exist and 400 for a bad number', async () => {
    await api.post(PATH, { stage: 'preliminary', appealUntil })
    expect((await api.get(`${PATH}/2`)).status).toBe(404)
    expect((await api.get(`${PATH}/0`)).status).toBe(400)
    expect((await api.get(`${PATH}/x`)).status).toBe(400)
  })

  it('refuses a publication whose seal form was stripped and its hash re-made for the whole Result (500)', async () => {
    await api.post(PATH, { stage: 'preliminary', appealUntil })
    const {
      seal: _,
      digests: __,
      ...stripped
    } = (await api.store.readAll()).at(-1)!.data as Record<string, unknown>
    // The whole Result's canonical JSON is what GET serves by default: its hash is what a forger would record.
    const whole = await api.get(`${PATH}/1`, 'auditor')
    const r = await appendValidated(
      api.store,
      [{ type: 'ResultPublished', data: { ...stripped, sha256: sha(whole.text) } }],
      { principal: { role: 'admin', name: 'forger' }, newId: () => crypto.randomUUID(), sealed: true }
    )
    expect(E.isRight(r)).toBe(true)
    const served = await api.get(`${PATH}/2`, 'auditor')
    expect(served.status).toBe(500)
    expect(served.json.error.message).toContain(
      '第 2 次发布未记录哈希范围（早期发布方式），却在第 1 次发布已按新方式封存之后'
    )
  })

  it('answers 500 integrity_error, in Chinese, for a publication whose events no longer give its hash', async () => {
    await api.post(PATH, { stage: 'preliminary', appealUntil })
    const forged = (await api.store.readAll()).at(-1)!.data as Record<string, unknown>
    // Hand-made publications are refused on every way in; this one is put past the publish command, as a store
    // edited behind the server's back would hold it.
    expect(
      (
        await api.post('/v1/events', {
          events: [{ type: 'ResultPublished', data: { ...forged, sha256: '0'.repeat(64) } }],
        })
      ).status
    ).toBe(422)
    const r = await appendValidated(
      api.store,
      [{ type: 'ResultPublished', data: { ...forged, sha256: '0'.repeat(64) } }],
      {
        principal: { role: 'admin', name: 'forger' },
        newId: () => crypto.randomUUID(),
        sealed: true,
      }
    )
    expect(E.isRight(r)).toBe(true)
    const served = await api.get(`${PATH}/2`)
    expect(served.status).toBe(500)
    expect(served.json.error.code).toBe('integrity_error')
    expect(served.json.error.message).toContain('数据完整性错误')
  })
})
