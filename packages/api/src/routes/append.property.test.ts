/**
 * Thousands of random and mutated bodies at the append route: the server never answers 5xx, and a rejected
 * batch leaves the log exactly as it was.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Api, givenApi, training } from '../testing/api-spec'

let api: Api
beforeAll(async () => {
  api = await givenApi()
})
afterAll(() => api.close())

const valid = () => [
  training('lizhou'),
  {
    type: 'CaseOpened',
    data: { unitId: 'cangxi', occurredOn: '2026-04-01', caseId: 'cx-1', kind: 'labor_inspection' },
  },
  {
    type: 'HearingHeld',
    data: { unitId: 'lizhou', occurredOn: '2026-04-02', caseId: 'cx-1', leaderAppeared: true },
  },
  {
    type: 'PublicityHeld',
    data: {
      unitId: 'lizhou',
      occurredOn: '2026-04-03',
      activityId: 'p-1',
      kind: 'lecture',
      topic: '普法',
      reach: 300,
    },
  },
]

/** A valid envelope with one thing broken: a field replaced, dropped or added, at the top or in data. */
const mutated = fc
  .tuple(
    fc.constantFrom(...valid()),
    fc.constantFrom('replace', 'drop', 'add'),
    fc.boolean(),
    fc.string({ maxLength: 12 }),
    fc.jsonValue({ maxDepth: 2 })
  )
  .map(([envelope, how, inData, key, value]) => {
    const e = structuredClone(envelope) as Record<string, unknown>
    const target = (inData ? e.data : e) as Record<string, unknown>
    const keys = Object.keys(target)
    const k = how === 'add' ? key : keys[key.length % keys.length]!
    if (how === 'drop') delete target[k]
    else target[k] = value
    return e
  })

const body = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.record({ events: fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 4 }) }),
  fc.record({ events: fc.array(mutated, { minLength: 1, maxLength: 4 }) }),
  fc.record({
    events: fc.array(fc.oneof(mutated, fc.constantFrom(...valid())), { minLength: 1, maxLength: 5 }),
  })
)

/** `[[[…]]]` or `{"a":{"a":…}}` around a value, `depth` deep: built as text, as an attacker would send it. */
const nested = (depth: number, array: boolean, inner = 'null') =>
  array
    ? `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}${inner}${'}'.repeat(depth)}`

describe('POST /v1/events under random input', () => {
  it('never answers 5xx and stores nothing from a rejected batch', async () => {
    let rejected = 0
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('admin', 'lizhou', 'auditor'), async (b, as) => {
        const before = await api.everything()
        const r = await api.request('POST', '/v1/events', { as: as as 'admin', body: b })
        expect(r.status).toBeLessThan(500)
        if (r.status >= 400) {
          rejected++
          expect(r.json.error.code).toEqual(expect.any(String))
          expect(await api.everything()).toEqual(before)
        }
      }),
      { numRuns: 2000, seed: 2017 }
    )
    expect(rejected).toBeGreaterThan(1500)
  })

  it('answers 400 to bodies nested far deeper than any event, at any depth and place, storing nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 33, max: 20_000 }),
        fc.boolean(),
        fc.constantFrom('body', 'events', 'data'),
        async (depth, array, where) => {
          const deep = nested(depth, array)
          const raw =
            where === 'body'
              ? deep
              : where === 'events'
                ? `{"events":[${deep}]}`
                : `{"events":[{"type":"TrainingHeld","data":${deep}}]}`
          const before = await api.everything()
          const r = await api.request('POST', '/v1/events', {
            as: 'admin',
            raw,
            headers: { 'Content-Type': 'application/json' },
          })
          expect(r.status).toBe(400)
          expect(await api.everything()).toEqual(before)
        }
      ),
      { numRuns: 60, seed: 2019 }
    )
  })

  it('acknowledges retries of an accepted batch with 200 and the same positions, in any mix with new batches', async () => {
    let n = 0
    const id = () => `73000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`
    const sent: Array<{ body: unknown; positions: string }> = []
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.nat(), async (retry, pick) => {
        const before = await api.everything()
        if (retry && sent.length > 0) {
          const earlier = sent[pick % sent.length]!
          const r = await api.post('/v1/events', earlier.body)
          expect(r.status).toBe(200)
          expect(JSON.stringify(r.json.events)).toBe(earlier.positions)
          expect(await api.everything()).toEqual(before)
        } else {
          const body = {
            events: [
              { id: id(), ...training('lizhou') },
              { id: id(), ...training('cangxi') },
            ],
          }
          const r = await api.post('/v1/events', body)
          expect(r.status).toBe(201)
          sent.push({ body, positions: JSON.stringify(r.json.events) })
        }
      }),
      { numRuns: 150, seed: 2020 }
    )
  })

  it('never answers 5xx to bytes that are not JSON', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 200 }),
        fc.constantFrom('application/json', 'text/plain', ''),
        async (text, type) => {
          const before = await api.everything()
          const r = await api.request('POST', '/v1/events', {
            as: 'admin',
            raw: text,
            headers: type ? { 'Content-Type': type } : {},
          })
          expect(r.status).toBeLessThan(500)
          if (r.status >= 400) expect(await api.everything()).toEqual(before)
        }
      ),
      { numRuns: 1000, seed: 2018 }
    )
  })
})
