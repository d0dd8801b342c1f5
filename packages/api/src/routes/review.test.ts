import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Api, givenApi } from '../testing/api-spec'

let api: Api
beforeEach(async () => {
  api = await givenApi()
})
afterEach(() => api.close())

/** The fixture's four unit facts: 利州 2 trainings, 苍溪 4, in log order. */
const facts = async () => (await api.store.readAll()).filter((e) => e.type === 'TrainingHeld')
const review = (
  type: 'FactVerified' | 'FactReturned',
  target: { id: string; data: unknown },
  extra = {}
) => ({
  type,
  data: {
    unitId: (target.data as { unitId: string }).unitId,
    occurredOn: '2026-03-10',
    targetEventId: target.id,
    ...extra,
  },
})

describe('GET /v1/review', () => {
  it('lists unit facts pending, verified and returned (with the reason of each return), paged', async () => {
    const [l1, l2, c1] = await facts()
    const r = await api.post(
      '/v1/events',
      {
        events: [
          review('FactVerified', l1!, { note: '核实无误' }),
          review('FactReturned', l2!, { reason: '缺少签到表' }),
          review('FactVerified', c1!),
        ],
      },
      'reviewer'
    )
    expect(r.status).toBe(201)
    const all = await api.get('/v1/review', 'reviewer')
    expect(all.status).toBe(200)
    expect(all.json).toMatchObject({ total: 6, counts: { pending: 3, verified: 2, returned: 1 }, page: 1 })
    const returned = await api.get('/v1/review?status=returned', 'reviewer')
    expect(returned.json.items).toMatchObject([
      {
        status: 'returned',
        event: { id: l2!.id, type: 'TrainingHeld', label: '学法/培训/考试', unitId: 'lizhou' },
        review: { reason: '缺少签到表', actor: '考核组 (reviewer)' },
      },
    ])
    const pending = await api.get('/v1/review?status=pending&unitId=cangxi&page=2&pageSize=2', 'admin')
    expect(pending.json).toMatchObject({
      total: 3,
      page: 2,
      pageSize: 2,
      unitId: 'cangxi',
      status: 'pending',
    })
    expect(pending.json.items).toHaveLength(1)
  })

  it('pages newest first with order=desc: page 1 holds the latest facts, page 2 the ones before, none twice', async () => {
    const ids = (await facts()).map((e) => e.id)
    const page = async (n: number) =>
      (await api.get(`/v1/review?pageSize=4&page=${n}&order=desc`)).json.items.map(
        (i: { event: { id: string } }) => i.event.id
      )
    expect(await page(1)).toEqual(ids.slice(-4).reverse())
    expect(await page(2)).toEqual(ids.slice(0, -4).reverse())
  })

  it('leaves retracted facts out', async () => {
    const [l1] = await facts()
    await api.post(
      '/v1/events',
      {
        events: [
          {
            type: 'EventRetracted',
            data: { unitId: 'lizhou', occurredOn: '2026-03-10', targetEventId: l1!.id, reason: '录入错误' },
          },
        ],
      },
      'admin'
    )
    expect((await api.get('/v1/review?unitId=lizhou', 'auditor')).json.total).toBe(1)
  })

  it("shows a reporter only its own unit's facts, and refuses another unit (403)", async () => {
    const own = await api.get('/v1/review', 'lizhou')
    expect(own.status).toBe(200)
    expect(new Set(own.json.items.map((i: { event: { unitId: string } }) => i.event.unitId))).toEqual(
      new Set(['lizhou'])
    )
    expect((await api.get('/v1/review?unitId=cangxi', 'lizhou')).status).toBe(403)
  })

  it('answers 401 without a token and 400 for a bad status or page', async () => {
    expect((await api.request('GET', '/v1/review')).status).toBe(401)
    expect((await api.get('/v1/review?status=done', 'reviewer')).status).toBe(400)
    expect((await api.get('/v1/review?page=0', 'reviewer')).status).toBe(400)
  })
})
