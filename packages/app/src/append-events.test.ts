import { decodeEvent } from '@kaoping/core'
import { createMemoryStore, type EventStore } from '@kaoping/store'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { appendValidated } from './append-events'

let n = 0
const newId = () => `20000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`
const ctx = { principal: { role: 'admin', name: 'city' } as const, newId }
const on = '2017-03-01'
const unit = (unitId: string) => ({
  type: 'UnitRegistered',
  data: { unitId, name: unitId, kind: 'district' },
})
const opened = (caseId: string, unitId = 'jiange') => ({
  type: 'CaseOpened',
  data: { unitId, occurredOn: on, caseId, kind: 'administrative_litigation' },
})
const hearing = (caseId: string, unitId = 'jiange') => ({
  type: 'HearingHeld',
  data: { unitId, occurredOn: on, caseId, leaderAppeared: true },
})
const decided = (caseId: string, outcome = 'won') => ({
  type: 'CaseDecided',
  data: { unitId: 'jiange', occurredOn: on, caseId, instance: 'first', outcome },
})
// Each call records another session: one session is recorded once (SPEC §3 "Business ids").
let sessions = 0
const training = (attendees: unknown = 20, sessionId = `s${++sessions}`) => ({
  type: 'TrainingHeld',
  data: { unitId: 'jiange', occurredOn: on, sessionId, kind: 'lecture', topic: '学法', attendees },
})

const setup = async (): Promise<EventStore> => {
  let t = 0
  const store = createMemoryStore({ clock: () => new Date(Date.UTC(2017, 2, 1) + ++t * 1000).toISOString() })
  await appendValidated(store, [unit('jiange'), unit('wangcang')], ctx)
  return store
}
const issues = (r: E.Either<{ _tag: string }, unknown>) =>
  E.isLeft(r) && r.left._tag === 'Rejected'
    ? (r.left as unknown as { issues: { path: string; message: string }[] }).issues.map(
        (i) => `${i.path}: ${i.message}`
      )
    : r

describe('validated append', () => {
  it('routes a batch to its streams: units, the case, the unit — a new case and its first hearing together', async () => {
    const store = await setup()
    const r = await appendValidated(store, [opened('c1'), hearing('c1'), training()], ctx)
    expect(E.isRight(r) && r.right.events.map((e) => [e.stream, e.revision, e.actor])).toEqual([
      ['case-c1', 0n, 'city (admin)'],
      ['case-c1', 1n, 'city (admin)'],
      ['unit-jiange', 0n, 'city (admin)'],
    ])
    expect((await store.readStream('units')).map((e) => e.type)).toEqual(['UnitRegistered', 'UnitRegistered'])
  })

  it('rejects the whole batch with every offending path, storing nothing', async () => {
    const store = await setup()
    const before = (await store.readAll()).length
    const r = await appendValidated(
      store,
      [training(), training(-3), { type: 'Nope', data: {} }, { type: 'TrainingHeld' }],
      ctx
    )
    expect(issues(r)).toEqual([
      'events.1.data.attendees: 应为非负整数，实际为 -3',
      'events.2.type: 未知事件类型 "Nope"',
      'events.3.data: 缺少必填字段',
    ])
    expect(await store.readAll()).toHaveLength(before)
  })

  it('refuses an exam whose passed exceed its attendees, storing nothing; as many as sat is accepted', async () => {
    const store = await setup()
    const before = (await store.readAll()).length
    const exam = (attendees: number, passed: number) => {
      const e = training(attendees)
      return { ...e, data: { ...e.data, kind: 'law_exam', passed } }
    }
    const r = await appendValidated(store, [exam(100, 84), exam(0, 16)], ctx)
    expect(issues(r)).toEqual(['events.1.data.passed: 合格人数 16 多于参加人数 0：合格人数不能超过参加人数'])
    expect(await store.readAll()).toHaveLength(before)
    expect(E.isRight(await appendValidated(store, [exam(16, 16)], ctx))).toBe(true)
  })

  it('rejects an event of an unknown unit', async () => {
    const store = await setup()
    const r = await appendValidated(
      store,
      [{ ...training(), data: { ...training().data, unitId: 'nowhere' } }],
      ctx
    )
    expect(issues(r)).toEqual(['events.0.data.unitId: 未登记的单位 nowhere（须先登记被考核单位）'])
  })

  it("rejects a follow-up on another unit's case and on an unknown case", async () => {
    const store = await setup()
    await appendValidated(store, [opened('c1')], ctx)
    expect(issues(await appendValidated(store, [hearing('c1', 'wangcang')], ctx))).toEqual([
      'events.0.data.caseId: 案件 c1 属于单位 jiange，不能由 wangcang 记录',
    ])
    expect(issues(await appendValidated(store, [hearing('c9')], ctx))).toEqual([
      'events.0.data.caseId: 案件 c9 尚未立案（未找到立案/收案记录），不能记录开庭（负责人出庭应诉）',
    ])
  })

  it('rejects a second first-instance decision, and accepts one after the wrong one is retracted', async () => {
    const store = await setup()
    const first = await appendValidated(store, [opened('c1'), decided('c1', 'lost')], ctx)
    const wrong = E.isRight(first) ? first.right.events[1]!.id : ''
    expect(issues(await appendValidated(store, [decided('c1')], ctx))).toEqual([
      'events.0.data.caseId: 案件 c1 的一审已有决定，不能重复记录',
    ])
    const retraction = {
      type: 'EventRetracted',
      data: { unitId: 'jiange', occurredOn: on, targetEventId: wrong, reason: '录错结果' },
    }
    const r = await appendValidated(store, [retraction, decided('c1', 'won')], ctx)
    // The retraction of a case step goes to the case's stream, where the decider sees it.
    expect(E.isRight(r) && r.right.events.map((e) => [e.stream, e.type])).toEqual([
      ['case-c1', 'EventRetracted'],
      ['case-c1', 'CaseDecided'],
    ])
  })

  it('acknowledges a retried batch again and rejects a reused id with other content', async () => {
    const store = await setup()
    const batch = [
      { id: newId(), ...opened('c1') },
      { id: newId(), ...hearing('c1') },
    ]
    const first = await appendValidated(store, batch, ctx)
    const again = await appendValidated(store, batch, ctx)
    expect(E.isRight(again) && again.right.duplicate).toBe(true)
    expect(E.isRight(again) && E.isRight(first) && again.right.events.map((e) => e.position)).toEqual(
      E.isRight(first) && first.right.events.map((e) => e.position)
    )
    const changed = await appendValidated(
      store,
      [{ ...batch[1]!, data: { ...batch[1]!.data, leaderAppeared: false } }],
      ctx
    )
    expect(changed).toEqual(E.left({ _tag: 'IdConflict', id: batch[1]!.id }))
  })

  it('lets exactly one of two writers decide the same case instance', async () => {
    const store = await setup()
    await appendValidated(store, [opened('c1')], ctx)
    const [a, b] = await Promise.all([
      appendValidated(store, [decided('c1', 'won')], ctx),
      appendValidated(store, [decided('c1', 'lost')], ctx),
    ])
    expect([a, b].filter(E.isRight)).toHaveLength(1)
    expect([a, b].find(E.isLeft)).toMatchObject(E.left({ _tag: 'WrongExpectedVersion', stream: 'case-c1' }))
    expect((await store.readStream('case-c1')).map((e) => e.type)).toEqual(['CaseOpened', 'CaseDecided'])
  })

  it("honours a client's expectedRevision and refuses a stale one", async () => {
    const store = await setup()
    await appendValidated(store, [training()], ctx)
    expect(E.isRight(await appendValidated(store, [{ ...training(), expectedRevision: 0 }], ctx))).toBe(true)
    expect(await appendValidated(store, [{ ...training(), expectedRevision: 0 }], ctx)).toMatchObject(
      E.left({ _tag: 'WrongExpectedVersion', stream: 'unit-jiange', expected: 0n, actual: 1n })
    )
  })

  it('publishes scheme versions in sequence only, each validated', async () => {
    const store = await setup()
    const scheme = (version: number, extra: object = {}) => ({
      type: 'SchemePublished',
      data: {
        schemeId: 's',
        version,
        scheme: {
          schemeId: 's',
          version,
          title: '办法',
          appliesTo: 'district',
          period: { from: '2017-01-01', to: '2017-12-31' },
          categories: [
            {
              id: 'c',
              name: '类',
              max: 1,
              indicators: [
                { id: 'i', name: '项', max: 1, metric: { count: 'TrainingHeld' }, scoring: { kind: 'flag' } },
              ],
            },
          ],
          grades: [{ name: '合格', min: 0 }],
          ...extra,
        },
      },
    })
    expect(E.isRight(await appendValidated(store, [scheme(1)], ctx))).toBe(true)
    expect(issues(await appendValidated(store, [scheme(3)], ctx))).toEqual([
      'events.0.data.version: 考核办法 s 的下一版本应为 2，实际为 3',
    ])
    expect(
      issues(await appendValidated(store, [scheme(2, { grades: [{ name: '合格', min: 60 }] })], ctx))
    ).toEqual(['events.0.data.scheme.grades.0.min: 最低等次的分数线应为 0，使每个总分都有等次'])
    expect(E.isRight(await appendValidated(store, [scheme(2)], ctx))).toBe(true)
    // Stored as written, so it decodes the same way on every later read.
    const stored = await store.readStream('scheme-s')
    expect(stored.map((e) => E.isRight(decodeEvent(e.type, e.data)))).toEqual([true, true])
    expect(
      (stored[0]!.data as { scheme: { categories: [{ indicators: [{ metric: unknown }] }] } }).scheme
        .categories[0].indicators[0].metric
    ).toEqual({ count: 'TrainingHeld' })
  })
})
