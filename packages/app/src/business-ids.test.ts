/**
 * SPEC §3 "Business ids" on every way in: a second fact of the same type with the same business id in the same unit
 * is refused, naming the event that holds it, unless that event was retracted or returned.
 */
import { learningScheme } from '@kaoping/core/testing/small-city'
import { createMemoryStore, type EventStore } from '@kaoping/store'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { type AppendContext, appendValidated } from './append-events'
import { importLog } from './import-log'
import { importRows } from './import-rows'
import { publishResult } from './publish-result'

let n = 0
const newId = () => `74000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`
const admin: AppendContext = { principal: { role: 'admin', name: 'city' }, newId }
const reporter: AppendContext = { principal: { role: 'reporter', unitId: 'jiange', name: 'jg' }, newId }
const reviewer: AppendContext = { principal: { role: 'reviewer', name: 'kh' }, newId }

const session = (sessionId: string, unitId = 'jiange', topic = '学法') => ({
  type: 'TrainingHeld',
  data: { unitId, occurredOn: '2017-03-01', sessionId, kind: 'lecture', topic, attendees: 20 },
})
const retraction = (targetEventId: string) => ({
  type: 'EventRetracted',
  data: { unitId: 'jiange', occurredOn: '2017-04-01', targetEventId, reason: '录入错误' },
})
const returned = (targetEventId: string) => ({
  type: 'FactReturned',
  data: { unitId: 'jiange', occurredOn: '2017-04-01', targetEventId, reason: '签到表缺失' },
})

const given = async (): Promise<EventStore> => {
  let t = 0
  const store = createMemoryStore({ clock: () => new Date(Date.UTC(2017, 2, 1) + ++t * 1000).toISOString() })
  const r = await appendValidated(
    store,
    ['jiange', 'wangcang'].map((unitId) => ({
      type: 'UnitRegistered',
      data: { unitId, name: unitId, kind: 'district' },
    })),
    admin
  )
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left))
  return store
}
const stored = async (
  store: EventStore,
  envelopes: ReadonlyArray<unknown>,
  ctx = reporter
): Promise<string[]> => {
  const r = await appendValidated(store, envelopes, ctx)
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left))
  return r.right.events.map((e) => e.id)
}
const issues = (r: E.Either<{ _tag: string }, unknown>) =>
  E.isLeft(r) && 'issues' in r.left
    ? (r.left as { issues: { path: string; message: string }[] }).issues.map((i) => `${i.path}: ${i.message}`)
    : r
const held = (id: string, label = '学法/培训/考试', value = 's1') =>
  `${label}编号 ${value} 已由事件 ${id} 记录；如需更正，请先撤回该事件再重新记录`

describe('a business id through the append command', () => {
  it('refuses a second training with the same session id in the same unit under a new event id, naming the first', async () => {
    const store = await given()
    const [first] = await stored(store, [session('s1')])
    const before = (await store.readAll()).length
    const r = await appendValidated(store, [session('s1', 'jiange', '同一次学法又录一遍')], reporter)
    expect(issues(r)).toEqual([`events.0.data.sessionId: ${held(first!)}`])
    expect(await store.readAll()).toHaveLength(before)
  })

  it('accepts the same session id in another unit', async () => {
    const store = await given()
    await stored(store, [session('s1')])
    expect(E.isRight(await appendValidated(store, [session('s1', 'wangcang')], admin))).toBe(true)
  })

  it('accepts the session id again once the unit retracted the fact holding it (a correction)', async () => {
    const store = await given()
    const [first] = await stored(store, [session('s1')])
    await stored(store, [retraction(first!)])
    expect(E.isRight(await appendValidated(store, [session('s1', 'jiange', '更正后')], reporter))).toBe(true)
  })

  it('accepts a retraction and the corrected fact in one batch', async () => {
    const store = await given()
    const [first] = await stored(store, [session('s1')])
    expect(
      E.isRight(
        await appendValidated(store, [retraction(first!), session('s1', 'jiange', '更正后')], reporter)
      )
    ).toBe(true)
  })

  it('accepts the session id again once the 考核组 returned the fact holding it', async () => {
    const store = await given()
    const [first] = await stored(store, [session('s1')])
    await stored(store, [returned(first!)], reviewer)
    expect(E.isRight(await appendValidated(store, [session('s1', 'jiange', '补正后')], reporter))).toBe(true)
  })

  it('refuses to retract a return once the returned fact was recorded again, and allows it before', async () => {
    const store = await given()
    const [first] = await stored(store, [session('s1')])
    const [ret] = await stored(store, [returned(first!)], reviewer)
    const [again] = await stored(store, [session('s1', 'jiange', '补正后')])
    expect(issues(await appendValidated(store, [retraction(ret!)], reviewer))).toEqual([
      `events.0.data.targetEventId: 撤回退回记录 ${ret} 会使事件 ${first} 重新计入，但学法/培训/考试编号 s1 已由事件 ${again} 记录；须先撤回事件 ${again}`,
    ])
    // Returned by mistake and nothing recorded since: the return is retracted and the fact holds its id again.
    const other = await given()
    const [fact] = await stored(other, [session('s2')])
    const [mistake] = await stored(other, [returned(fact!)], reviewer)
    await stored(other, [retraction(mistake!)], reviewer)
    expect(issues(await appendValidated(other, [session('s2', 'jiange', '又一遍')], reporter))).toEqual([
      `events.0.data.sessionId: ${held(fact!, undefined, 's2')}`,
    ])
  })

  it('acknowledges an idempotent retry of the first fact (same id, same content) instead of refusing it', async () => {
    const store = await given()
    const envelope = { id: newId(), ...session('s1') }
    await stored(store, [envelope])
    const again = await appendValidated(store, [envelope], reporter)
    expect(E.isRight(again) && again.right.duplicate).toBe(true)
  })

  it('refuses a batch holding the same session twice under two ids at the second, storing nothing', async () => {
    const store = await given()
    const before = (await store.readAll()).length
    const first = { id: newId(), ...session('s1') }
    const r = await appendValidated(
      store,
      [first, { id: newId(), ...session('s1', 'jiange', '重复') }],
      reporter
    )
    expect(issues(r)).toEqual([`events.1.data.sessionId: ${held(first.id)}`])
    expect(await store.readAll()).toHaveLength(before)
  })

  it('keeps the case decider’s message for a case opened twice', async () => {
    const store = await given()
    const opened = {
      type: 'CaseOpened',
      data: { unitId: 'jiange', occurredOn: '2017-03-01', caseId: 'jg-1', kind: 'administrative_litigation' },
    }
    await stored(store, [opened])
    expect(issues(await appendValidated(store, [opened], reporter))).toEqual([
      'events.0.data.caseId: 案件 jg-1 已立案，不能重复立案',
    ])
  })

  it('refuses an appeal id filed twice by one unit', async () => {
    const scheme = learningScheme({
      schemeId: 'bk-2017',
      title: '测试',
      period: { from: '2017-01-01', to: '2017-12-31' },
      grades: [{ name: '合格', min: 0 }],
    })
    const store = await given()
    await stored(
      store,
      [{ type: 'SchemePublished', data: { schemeId: 'bk-2017', version: 1, scheme } }],
      admin
    )
    const now = () => '2018-01-10T02:00:00.000Z'
    const published = await publishResult(
      store,
      { schemeId: 'bk-2017', stage: 'preliminary', appealUntil: '2018-01-20' },
      { ...admin, now }
    )
    if (E.isLeft(published)) throw new Error(JSON.stringify(published.left))
    const appeal = (reason: string) => ({
      type: 'AppealFiled',
      data: { unitId: 'jiange', occurredOn: '2018-01-10', appealId: 'jg-a1', schemeId: 'bk-2017', reason },
    })
    const [first] = await stored(store, [appeal('漏计一次培训')], { ...reporter, now })
    expect(issues(await appendValidated(store, [appeal('再申诉一次')], { ...reporter, now }))).toEqual([
      `events.0.data.appealId: ${held(first!, '申诉', 'jg-a1')}`,
    ])
  })

  it('lets only one of two requests racing with the same session id through', async () => {
    const store = await given()
    const results = await Promise.all([
      appendValidated(store, [session('s1', 'jiange', '甲')], reporter),
      appendValidated(store, [session('s1', 'jiange', '乙')], reporter),
    ])
    expect(results.filter(E.isRight)).toHaveLength(1)
    expect(
      (await store.readStream('unit-jiange')).map((e) => (e.data as { topic: string }).topic)
    ).toHaveLength(1)
  })

  it('reads the holders by key, never the unit’s stream', async () => {
    const store = await given()
    await stored(store, [session('s1')])
    const read: string[] = []
    const lookups: string[][] = []
    const watched: EventStore = {
      ...store,
      readStream: (stream, o) => {
        read.push(stream)
        return store.readStream(stream, o)
      },
      findByKeys: (keys) => {
        lookups.push([...keys])
        return store.findByKeys(keys)
      },
    }
    await appendValidated(watched, [session('s2')], reporter)
    expect(read).not.toContain('unit-jiange')
    expect(lookups).toEqual([['TrainingHeld|jiange|s2']])
  })
})

describe('a business id through the imports', () => {
  it('refuses a spreadsheet row whose session id a fact appended through the API already holds', async () => {
    const store = await given()
    const [first] = await stored(store, [session('s1')])
    const r = await importRows(store, [session('s1', 'jiange', '表格里又填了一次')], reporter)
    expect(issues(r)).toEqual([`events.0.data.sessionId: ${held(first!)}`])
  })

  it('skips a spreadsheet row imported again (its id derived from the business id)', async () => {
    const store = await given()
    const row = session('s1')
    await importRows(store, [row], reporter)
    const again = await importRows(store, [row], reporter)
    expect(E.isRight(again) && again.right).toMatchObject({ imported: 0, skipped: 1 })
  })

  it('refuses an event file line repeating a stored fact’s session id, at its line', async () => {
    const store = await given()
    const [first] = await stored(store, [session('s1')])
    const line = JSON.stringify({
      id: newId(),
      ...session('s1', 'jiange', '文件里的'),
      recordedAt: '2017-03-05T00:00:00Z',
    })
    const r = await importLog(store, `\n${line}\n`)
    expect(r).toEqual(
      E.left({ _tag: 'BadLines', issues: [{ line: 2, path: 'data.sessionId', message: held(first!) }] })
    )
  })
})
