import { canonicalJson, sha256Hex } from '@kaoping/core'
import { learningScheme, trainingEvent } from '@kaoping/core/testing/small-city'
import { createMemoryStore, type EventStore } from '@kaoping/store'
import * as E from 'fp-ts/Either'
import { describe, expect, it, vi } from 'vitest'
import { listAppeals } from './appeals'
import { appendValidated } from './append-events'
import { importLog } from './import-log'
import { frozenPublication, listPublications } from './publications'
import { publishResult } from './publish-result'

let n = 0
const newId = () => `30000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`
const admin = { principal: { role: 'admin', name: 'city' } as const, newId }
const lizhou = { principal: { role: 'reporter', unitId: 'lizhou', name: 'lz' } as const, newId }
const at = (instant: string) => ({ now: () => instant })

const SCHEME = learningScheme({
  schemeId: 'cy-2017',
  title: '测试',
  period: { from: '2017-01-01', to: '2017-12-31' },
  grades: [{ name: '合格', min: 0 }],
})
const training = (unitId: string) => trainingEvent(unitId, '2017-05-01')
const appeal = (appealId: string, indicatorId?: string) => ({
  type: 'AppealFiled',
  data: {
    unitId: 'lizhou',
    occurredOn: '2018-01-10',
    appealId,
    schemeId: SCHEME.schemeId,
    reason: '漏计一次培训',
    ...(indicatorId ? { indicatorId } : {}),
  },
})
const decision = (appealId: string, decision: string, points?: number) => ({
  type: 'AppealDecided',
  data: {
    unitId: 'lizhou',
    occurredOn: '2018-01-15',
    appealId,
    decision,
    reason: '经复核属实',
    ...(points === undefined ? {} : { points }),
  },
})

const setup = async (): Promise<EventStore> => {
  let t = 0
  const store = createMemoryStore({ clock: () => new Date(Date.UTC(2018, 0, 2) + ++t * 1000).toISOString() })
  const r = await appendValidated(
    store,
    [
      { type: 'UnitRegistered', data: { unitId: 'lizhou', name: '利州区', kind: 'district' } },
      { type: 'UnitRegistered', data: { unitId: 'cangxi', name: '苍溪县', kind: 'district' } },
      { type: 'SchemePublished', data: { schemeId: SCHEME.schemeId, version: 1, scheme: SCHEME } },
      training('lizhou'),
      training('cangxi'),
      training('cangxi'),
    ],
    admin
  )
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left))
  return store
}
const messages = (r: E.Either<{ _tag: string }, unknown>) =>
  E.isLeft(r) && 'issues' in r.left
    ? (r.left as { issues: { path: string; message: string }[] }).issues.map((i) => `${i.path}: ${i.message}`)
    : r
const preliminary = { schemeId: SCHEME.schemeId, stage: 'preliminary', appealUntil: '2018-01-20' } as const
const TEN_JAN = '2018-01-10T02:00:00.000Z'

describe('publishing a result', () => {
  it('records asOf, the head position and the SHA-256 of the canonical JSON of the full Result', async () => {
    const store = await setup()
    const r = await publishResult(store, preliminary, { ...admin, ...at(TEN_JAN) })
    if (E.isLeft(r)) throw new Error(JSON.stringify(r.left))
    expect(r.right.publication).toMatchObject({
      n: 1,
      schemeId: 'cy-2017',
      version: 1,
      stage: 'preliminary',
      asOf: TEN_JAN,
      position: '6',
      appealUntil: '2018-01-20',
    })
    const frozen = await frozenPublication(store, SCHEME.schemeId, 1)
    if (E.isLeft(frozen)) throw new Error(frozen.left.message)
    // Sealed without the engine's prose (the substance form, recorded on the event); served whole.
    expect(r.right.publication.seal).toBe('substance')
    expect(sha256Hex(frozen.right.sealedJson)).toBe(r.right.publication.sha256)
    expect(frozen.right.sealedJson).toBe(canonicalJson(JSON.parse(frozen.right.sealedJson)))
    expect(frozen.right.sealedJson).not.toContain('"explanation"')
    expect(frozen.right.json).toBe(canonicalJson(JSON.parse(frozen.right.json)))
    expect(JSON.parse(frozen.right.json).units[0].categories[0].indicators[0].explanation).toEqual(
      expect.any(String)
    )
    expect(JSON.parse(frozen.right.json).units.map((u: { total: string }) => u.total)).toEqual([
      '5.00',
      '2.50',
    ])
  })

  it('keeps a publication unchanged by later events', async () => {
    const store = await setup()
    await publishResult(store, preliminary, { ...admin, ...at(TEN_JAN) })
    const before = await frozenPublication(store, SCHEME.schemeId, 1)
    await appendValidated(store, [training('lizhou'), training('lizhou')], admin)
    const after = await frozenPublication(store, SCHEME.schemeId, 1)
    expect(E.isRight(before) && E.isRight(after) && after.right.json === before.right.json).toBe(true)
  })

  it('publishes once for 40 concurrent requests with the same idempotency key, answering each with it', async () => {
    const store = await setup()
    const replies = await Promise.all(
      Array.from({ length: 40 }, () =>
        publishResult(store, { ...preliminary, idempotencyKey: 'k-1' }, { ...admin, ...at(TEN_JAN) })
      )
    )
    const ok = replies.flatMap((r) => (E.isRight(r) ? [r.right] : []))
    expect(ok).toHaveLength(40)
    expect(new Set(ok.map((o) => o.publication.eventId)).size).toBe(1)
    expect(ok.filter((o) => !o.duplicate)).toHaveLength(1)
    const listed = await listPublications(store, SCHEME.schemeId)
    expect(E.isRight(listed) && listed.right.length).toBe(1)
  })

  it('refuses the same idempotency key with another body', async () => {
    const store = await setup()
    await publishResult(store, { ...preliminary, idempotencyKey: 'k' }, { ...admin, ...at(TEN_JAN) })
    const r = await publishResult(
      store,
      { ...preliminary, appealUntil: '2018-01-25', idempotencyKey: 'k' },
      { ...admin, ...at(TEN_JAN) }
    )
    expect(E.isLeft(r) && r.left._tag).toBe('IdempotencyConflict')
  })

  it('refuses a reporter (authority: city)', async () => {
    const store = await setup()
    const r = await publishResult(store, preliminary, { ...lizhou, ...at(TEN_JAN) })
    expect(E.isLeft(r) && r.left._tag).toBe('NotAllowed')
  })

  it('answers SchemeNotFound for an unknown scheme', async () => {
    const store = await setup()
    const r = await publishResult(store, { ...preliminary, schemeId: 'nope' }, { ...admin, ...at(TEN_JAN) })
    expect(E.isLeft(r) && r.left._tag).toBe('SchemeNotFound')
  })

  it('reports a publication whose recomputation differs as an integrity error naming the unit', async () => {
    const store = await setup()
    // A publication forged past the publish command (as a tampered store would hold it): digests from another result.
    const real = await publishResult(store, preliminary, { ...admin, ...at(TEN_JAN) })
    if (E.isLeft(real)) throw new Error('not published')
    const raw = (await store.readAll()).at(-1)!.data as Record<string, unknown>
    const digests = raw.digests as Record<string, Record<string, string>>
    const forged = {
      ...raw,
      appealUntil: '2018-01-21',
      sha256: 'f'.repeat(64),
      digests: { ...digests, cangxi: { ...digests.cangxi, A1: '0'.repeat(16) } },
    }
    const appended = await appendValidated(store, [{ type: 'ResultPublished', data: forged }], {
      ...admin,
      ...at(TEN_JAN),
      sealed: true,
    })
    expect(E.isRight(appended)).toBe(true)
    const r = await frozenPublication(store, SCHEME.schemeId, 2)
    expect(E.isLeft(r) && r.left._tag).toBe('IntegrityError')
    expect(E.isLeft(r) && r.left.message).toContain('单位 cangxi（苍溪县） 的 指标 A1（学法不少于4次）')
  })
})

describe('the cycle on the append path', () => {
  const published = async () => {
    const store = await setup()
    const r = await publishResult(store, preliminary, { ...admin, ...at(TEN_JAN) })
    if (E.isLeft(r)) throw new Error(JSON.stringify(r.left))
    return store
  }

  it('accepts an appeal on the last day of the window (Beijing) and refuses it a minute after', async () => {
    const store = await published()
    const ok = await appendValidated(store, [appeal('a1', 'A1')], {
      ...lizhou,
      // 23:59 in Beijing on the last day.
      ...at('2018-01-20T15:59:00.000Z'),
    })
    expect(E.isRight(ok)).toBe(true)
    const late = await appendValidated(store, [appeal('a2')], {
      ...lizhou,
      ...at('2018-01-20T16:00:00.000Z'),
    })
    expect(messages(late)).toEqual([
      'events.0.data.schemeId: 考核办法 cy-2017 的申诉期已于 2018-01-20（北京时间当日24时）结束，不能再申诉',
    ])
  })

  it('decides again an appeal checked in the last instant of its window but stamped after midnight, and refuses it', async () => {
    // The application reads the clock, decides, and the store stamps the event 20 ms later (its own clock).
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(new Date('2018-01-10T02:00:00.000Z'))
      const store = createMemoryStore({
        clock: () => {
          vi.setSystemTime(Date.now() + 20)
          return new Date().toISOString()
        },
      })
      const given = await appendValidated(
        store,
        [
          { type: 'UnitRegistered', data: { unitId: 'lizhou', name: '利州区', kind: 'district' } },
          { type: 'SchemePublished', data: { schemeId: SCHEME.schemeId, version: 1, scheme: SCHEME } },
        ],
        admin
      )
      expect(E.isRight(given)).toBe(true)
      expect(E.isRight(await publishResult(store, preliminary, admin))).toBe(true)
      // 23:59:59.990 in Beijing on the window's last day: in time when decided, stored at 00:00:00.010.
      vi.setSystemTime(new Date('2018-01-20T15:59:59.990Z'))
      const late = await appendValidated(store, [appeal('a1')], lizhou)
      expect(messages(late)).toEqual([
        'events.0.data.schemeId: 考核办法 cy-2017 的申诉期已于 2018-01-20（北京时间当日24时）结束，不能再申诉',
      ])
      expect((await store.readAll()).some((e) => e.type === 'AppealFiled')).toBe(false)
      // The same through a reporter's file import (kaoping import --role reporter).
      vi.setSystemTime(new Date('2018-01-20T15:59:59.990Z'))
      const line = JSON.stringify({ id: newId(), ...appeal('a3'), recordedAt: '2018-01-20T15:59:59.990Z' })
      const imported = await importLog(store, line, lizhou.principal)
      expect(
        E.isLeft(imported) && imported.left._tag === 'BadLines' && imported.left.issues[0]?.message
      ).toBe('考核办法 cy-2017 的申诉期已于 2018-01-20（北京时间当日24时）结束，不能再申诉')
      expect((await store.readAll()).some((e) => e.type === 'AppealFiled')).toBe(false)
      // A second earlier it is stamped on the same day, and stored.
      vi.setSystemTime(new Date('2018-01-20T15:59:58.990Z'))
      const inTime = await appendValidated(store, [appeal('a2')], lizhou)
      expect(E.isRight(inTime) && inTime.right.events[0]!.recordedAt).toBe('2018-01-20T15:59:59.010Z')
    } finally {
      vi.useRealTimers()
    }
  })

  it('refuses an appeal before the preliminary publication', async () => {
    const store = await setup()
    const r = await appendValidated(store, [appeal('a1')], { ...lizhou, ...at(TEN_JAN) })
    expect(messages(r)).toEqual([
      'events.0.data.schemeId: 考核办法 cy-2017 尚未发布初评结果（初评公示），不能申诉',
    ])
  })

  it('acknowledges a retried appeal (same id) again instead of refusing it as filed twice', async () => {
    const store = await published()
    const id = newId()
    const first = await appendValidated(store, [{ id, ...appeal('a1') }], { ...lizhou, ...at(TEN_JAN) })
    const again = await appendValidated(store, [{ id, ...appeal('a1') }], { ...lizhou, ...at(TEN_JAN) })
    expect(E.isRight(first) && E.isRight(again) && again.right.duplicate).toBe(true)
  })

  it('decides an appeal once, and only one that exists', async () => {
    const store = await published()
    await appendValidated(store, [appeal('a1', 'A1')], { ...lizhou, ...at(TEN_JAN) })
    expect(messages(await appendValidated(store, [decision('a9', 'upheld')], admin))).toEqual([
      'events.0.data.appealId: 单位 lizhou 没有编号为 a9 的申诉（须先提出申诉）',
    ])
    expect(E.isRight(await appendValidated(store, [decision('a1', 'upheld', 2)], admin))).toBe(true)
    expect(messages(await appendValidated(store, [decision('a1', 'rejected')], admin))).toEqual([
      'events.0.data.appealId: 单位 lizhou 的申诉 a1 已有复核决定，不能重复决定',
    ])
  })

  it('refuses points on an appeal against the whole result', async () => {
    const store = await published()
    await appendValidated(store, [appeal('a1')], { ...lizhou, ...at(TEN_JAN) })
    expect(messages(await appendValidated(store, [decision('a1', 'upheld', 1)], admin))).toEqual([
      'events.0.data.points: 申诉 a1 针对整体结果而非某一指标，复核决定不能调整分值',
    ])
  })

  it('publishes the final result only once every appeal is decided, then no appeal is accepted', async () => {
    const store = await published()
    await appendValidated(store, [appeal('a1', 'A1')], { ...lizhou, ...at(TEN_JAN) })
    const final = { schemeId: SCHEME.schemeId, stage: 'final' } as const
    const early = await publishResult(store, final, { ...admin, ...at(TEN_JAN) })
    expect(messages(early)).toEqual([
      'events.0.data.stage: 考核办法 cy-2017 还有 1 件申诉未作复核决定（lizhou/a1），不能发布最终结果',
    ])
    await appendValidated(store, [decision('a1', 'partially_upheld', 1)], admin)
    const done = await publishResult(store, final, { ...admin, ...at(TEN_JAN) })
    expect(E.isRight(done) && done.right.publication.n).toBe(2)
    expect(messages(await appendValidated(store, [appeal('a2')], { ...lizhou, ...at(TEN_JAN) }))).toEqual([
      'events.0.data.schemeId: 考核办法 cy-2017 已发布最终结果，不能再申诉',
    ])
    const appeals = await listAppeals(store, SCHEME.schemeId)
    expect(E.isRight(appeals) && appeals.right).toMatchObject([
      { unitId: 'lizhou', appealId: 'a1', indicatorId: 'A1', status: 'partially_upheld', adjustment: '1.00' },
    ])
  })

  it('refuses a final publication before any preliminary one', async () => {
    const store = await setup()
    const r = await publishResult(
      store,
      { schemeId: SCHEME.schemeId, stage: 'final' },
      { ...admin, ...at(TEN_JAN) }
    )
    expect(messages(r)).toEqual(['events.0.data.stage: 考核办法 cy-2017 尚未发布初评结果，不能发布最终结果'])
  })
})

describe('the cycle on import', () => {
  const line = (n: number, type: string, data: unknown, recordedAt: string) =>
    JSON.stringify({
      id: `40000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
      type,
      data,
      recordedAt,
    })
  const file = (appealRecordedAt: string) =>
    [
      line(
        1,
        'UnitRegistered',
        { unitId: 'lizhou', name: '利州区', kind: 'district' },
        '2018-01-02T01:00:00Z'
      ),
      line(
        2,
        'SchemePublished',
        { schemeId: SCHEME.schemeId, version: 1, scheme: SCHEME },
        '2018-01-02T01:01:00Z'
      ),
      line(
        3,
        'ResultPublished',
        {
          schemeId: SCHEME.schemeId,
          version: 1,
          stage: 'preliminary',
          asOf: '2018-01-10T01:00:00.000Z',
          position: '2',
          sha256: 'a'.repeat(64),
          appealUntil: '2018-01-20',
        },
        '2018-01-10T01:00:00Z'
      ),
      line(4, 'AppealFiled', appeal('a1').data, appealRecordedAt),
    ].join('\n')

  it('decides each line at its own recordedAt: an appeal recorded after the window is refused, naming its line', async () => {
    const late = await importLog(
      createMemoryStore({ clock: () => new Date().toISOString() }),
      file('2018-01-21T01:00:00Z')
    )
    expect(E.isLeft(late) && late.left).toEqual({
      _tag: 'BadLines',
      issues: [
        {
          line: 4,
          path: 'data.schemeId',
          message: '考核办法 cy-2017 的申诉期已于 2018-01-20（北京时间当日24时）结束，不能再申诉',
        },
      ],
    })
    const inTime = await importLog(
      createMemoryStore({ clock: () => new Date().toISOString() }),
      file('2018-01-19T01:00:00Z')
    )
    expect(E.isRight(inTime) && inTime.right.imported).toBe(4)
  })

  it('continues a log on re-load but never goes back before it: a backdated line is refused, naming it', async () => {
    const store = createMemoryStore({ clock: () => new Date().toISOString() })
    expect(E.isRight(await importLog(store, file('2018-01-19T01:00:00Z')))).toBe(true)
    const adjust = (n: number, recordedAt: string) =>
      line(
        n,
        'PointsAdjusted',
        {
          unitId: 'lizhou',
          occurredOn: '2018-01-09',
          schemeId: SCHEME.schemeId,
          indicatorId: 'A1',
          points: 1,
          reason: '复核',
          approvedBy: '局务会',
        },
        recordedAt
      )
    const before = (await store.readAll()).length
    const back = await importLog(store, adjust(9, '2018-01-09T01:00:00Z'))
    expect(E.isLeft(back) && back.left).toEqual({
      _tag: 'BadLines',
      issues: [
        {
          line: 1,
          path: 'recordedAt',
          message:
            '记录时间（北京时间 2018-01-09 09:00）早于库中已有事件的最后记录时间（北京时间 2018-01-19 09:00）：载入只能接在已有事件之后，不能改写已记录的历史',
        },
      ],
    })
    expect((await store.readAll()).length).toBe(before)
    expect(E.isRight(await importLog(store, adjust(10, '2018-01-19T02:00:00Z')))).toBe(true)
  })

  it('re-loads an export in which a decided appeal was withdrawn (allowed before that was refused), though a new withdrawal is refused', async () => {
    const withdrawn = [
      file('2018-01-19T01:00:00Z'),
      line(5, 'AppealDecided', decision('a1', 'rejected').data, '2018-01-19T02:00:00Z'),
      line(
        6,
        'EventRetracted',
        {
          unitId: 'lizhou',
          occurredOn: '2018-01-19',
          targetEventId: `40000000-0000-4000-8000-${(4).toString(16).padStart(12, '0')}`,
          reason: '撤回申诉',
        },
        '2018-01-19T03:00:00Z'
      ),
    ].join('\n')
    const reloaded = await importLog(createMemoryStore({ clock: () => new Date().toISOString() }), withdrawn)
    expect(E.isRight(reloaded) && reloaded.right.imported).toBe(6)
    // The same withdrawal as a new event is refused.
    const store = createMemoryStore({ clock: () => new Date().toISOString() })
    const upToDecision = withdrawn.split('\n').slice(0, 5).join('\n')
    expect(E.isRight(await importLog(store, upToDecision))).toBe(true)
    const { type, data } = JSON.parse(withdrawn.split('\n')[5]!) as { type: string; data: unknown }
    const r = await appendValidated(store, [{ type, data }], admin)
    expect(messages(r)).toEqual([
      'events.0.data.targetEventId: 单位 lizhou 的申诉 a1 已有复核决定，不能撤回或退回；如需更正，须先由市局撤回该复核决定',
    ])
  })
})
