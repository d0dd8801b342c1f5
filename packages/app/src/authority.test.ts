/**
 * The role × event-type matrix (SPEC §3 "Authority") on both of the application's ways in: the append command
 * (behind the HTTP batch and stream routes and spreadsheet uploads) and the event-file import (the CLI).
 * Allowed → stored; not allowed → refused with NotAllowed, and nothing stored.
 */
import { EVENT_TYPES, type EventType } from '@kaoping/core'
import { createMemoryStore, type EventStore } from '@kaoping/store'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { appendValidated } from './append-events'
import { importLog } from './import-log'
import { importRows } from './import-rows'
import {
  allowedOutcome,
  CASE_ID,
  CITY_FACT,
  CITY_RECORDED_UNIT_FACT,
  fixtureFile,
  mayAppend,
  OTHER,
  OTHER_UNIT_FACT,
  PRINCIPALS,
  REPORTED_FACT,
  REVIEW_FACT,
  SAMPLES,
  UNIT,
  type Who,
} from './testing/authority-fixture'

const WHO = Object.keys(PRINCIPALS) as Who[]
let n = 0
const newId = () => `72000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`

const given = async (): Promise<EventStore> => {
  const store = createMemoryStore({ clock: () => '2017-07-02T00:00:00.000Z' })
  const imported = await importLog(store, fixtureFile())
  if (E.isLeft(imported)) throw new Error(JSON.stringify(imported.left))
  return store
}

/** The other reporter tries the same event about its own unit, where the type is not scoped to a unit. */
const sample = (type: EventType, _who: Who) => {
  const data = SAMPLES[type] as Record<string, unknown>
  return { type, data }
}

describe('who may append what, through the append command', () => {
  for (const type of EVENT_TYPES)
    for (const who of WHO) {
      const allowed = mayAppend(who, type)
      it(`${allowed ? 'lets' : 'refuses'} ${who} ${allowed ? 'append' : 'to append'} ${type}`, async () => {
        const store = await given()
        const before = (await store.readAll()).length
        const r = await appendValidated(store, [sample(type, who)], { principal: PRINCIPALS[who], newId })
        if (allowed) {
          const outcome = allowedOutcome(type, 'append')
          expect(E.isRight(r) ? 'stored' : r.left._tag).toBe(outcome)
          expect((await store.readAll()).length).toBe(before + (outcome === 'stored' ? 1 : 0))
        } else {
          expect(E.isLeft(r) && r.left._tag).toBe('NotAllowed')
          expect((await store.readAll()).length).toBe(before)
        }
      })
    }
})

describe('who may append what, through an event-file import', () => {
  for (const type of EVENT_TYPES)
    for (const who of WHO) {
      const allowed = mayAppend(who, type)
      it(`${allowed ? 'imports' : 'refuses'} a ${type} line imported as ${who}`, async () => {
        const store = await given()
        const before = (await store.readAll()).length
        const line = JSON.stringify({
          id: newId(),
          ...sample(type, who),
          recordedAt: '2017-07-02T01:00:00.000Z',
        })
        const r = await importLog(store, line, PRINCIPALS[who])
        if (allowed) expect(E.isRight(r) ? r.right.imported : r.left).toBe(1)
        else {
          expect(E.isLeft(r) && r.left._tag).toBe('NotAllowed')
          expect((await store.readAll()).length).toBe(before)
        }
      })
    }

  it('records a reporter’s import as the reporter, not as the actors written in the file', async () => {
    const store = await given()
    const line = JSON.stringify({
      id: newId(),
      type: 'TrainingHeld',
      data: SAMPLES.TrainingHeld,
      recordedAt: '2016-01-01T00:00:00.000Z',
      actor: '市局 (admin)',
    })
    expect(E.isRight(await importLog(store, line, PRINCIPALS.reporter))).toBe(true)
    const last = (await store.readAll()).at(-1)!
    expect([last.actor, last.recordedAt]).toEqual([
      '利州填报员 (reporter@lizhou)',
      '2017-07-02T00:00:00.000Z',
    ])
  })
})

describe('who may append what, through spreadsheet rows', () => {
  for (const type of EVENT_TYPES)
    for (const who of WHO) {
      const allowed = mayAppend(who, type)
      it(`${allowed ? 'takes' : 'refuses'} a ${type} row uploaded by ${who}`, async () => {
        const store = await given()
        const before = (await store.readAll()).length
        const r = await importRows(store, [sample(type, who)], { principal: PRINCIPALS[who], newId })
        if (allowed) {
          const outcome = allowedOutcome(type, 'append')
          expect(E.isRight(r) ? 'stored' : r.left._tag).toBe(outcome)
        } else {
          expect(E.isLeft(r) && r.left._tag).toBe('NotAllowed')
          expect((await store.readAll()).length).toBe(before)
        }
      })
    }

  it('refuses another unit’s rows that are already stored, never answering "skipped" (no probing)', async () => {
    const store = await given()
    const row = { type: 'TrainingHeld', data: SAMPLES.TrainingHeld }
    expect(E.isRight(await importRows(store, [row], { principal: PRINCIPALS.reporter, newId }))).toBe(true)
    const probe = await importRows(store, [row], { principal: PRINCIPALS.otherReporter, newId })
    expect(E.isLeft(probe) && probe.left._tag).toBe('NotAllowed')
  })
})

describe('retractions', () => {
  const retract = (targetEventId: string, unitId = UNIT) => ({
    type: 'EventRetracted',
    data: { unitId, occurredOn: '2017-07-01', targetEventId, reason: '更正' },
  })
  const as = async (who: Who, event: ReturnType<typeof retract>) => {
    const store = await given()
    const r = await appendValidated(store, [event], { principal: PRINCIPALS[who], newId })
    return E.isRight(r) ? 'stored' : r.left._tag
  }

  it('lets a reporter retract a fact a reporter of its own unit recorded', async () => {
    expect(await as('reporter', retract(REPORTED_FACT))).toBe('stored')
  })
  it('refuses a reporter retracting the province’s 通报 the city recorded (the 苍溪 hole)', async () => {
    expect(await as('reporter', retract(CITY_FACT))).toBe('NotAllowed')
  })
  it('refuses a reporter retracting the 考核组’s 案卷评查 score', async () => {
    expect(await as('reporter', retract(REVIEW_FACT))).toBe('NotAllowed')
  })
  it('refuses a reporter retracting a unit fact the city recorded about the unit', async () => {
    expect(await as('reporter', retract(CITY_RECORDED_UNIT_FACT))).toBe('NotAllowed')
  })
  it('refuses a reporter retracting another unit’s fact, named as its own unit or as the other', async () => {
    expect(await as('reporter', retract(OTHER_UNIT_FACT))).not.toBe('stored')
    expect(await as('reporter', retract(OTHER_UNIT_FACT, OTHER))).toBe('NotAllowed')
  })
  it('lets the 考核组 retract its own score but not a unit’s fact', async () => {
    expect(await as('reviewer', retract(REVIEW_FACT))).toBe('stored')
    expect(await as('reviewer', retract(REPORTED_FACT))).toBe('NotAllowed')
  })
  it('lets the city retract anything of the unit', async () => {
    for (const target of [REPORTED_FACT, CITY_FACT, REVIEW_FACT])
      expect(await as('admin', retract(target))).toBe('stored')
  })
  describe('a fact the 考核组 verified', () => {
    const verify = (targetEventId: string) => ({
      type: 'FactVerified',
      data: { unitId: UNIT, occurredOn: '2017-07-01', targetEventId },
    })
    const verified = async () => {
      const store = await given()
      const r = await appendValidated(store, [verify(REPORTED_FACT)], {
        principal: PRINCIPALS.reviewer,
        newId,
      })
      if (E.isLeft(r)) throw new Error(r.left._tag)
      return { store, verification: r.right.events[0]!.id }
    }
    it('is not the reporter’s to retract, on any way in (the 考核组 returns it instead); nothing stored', async () => {
      const { store } = await verified()
      const before = (await store.readAll()).length
      const viaAppend = await appendValidated(store, [retract(REPORTED_FACT)], {
        principal: PRINCIPALS.reporter,
        newId,
      })
      expect(E.isLeft(viaAppend) && viaAppend.left._tag).toBe('NotAllowed')
      expect(E.isLeft(viaAppend) && 'issues' in viaAppend.left && viaAppend.left.issues).toEqual([
        {
          path: 'events.0.data.targetEventId',
          message: '填报单位不能撤回考核组已核实的事实；如有错误，请由考核组退回（审核退回）后重新记录',
        },
      ])
      const viaRows = await importRows(store, [retract(REPORTED_FACT)], {
        principal: PRINCIPALS.reporter,
        newId,
      })
      expect(E.isLeft(viaRows) && viaRows.left._tag).toBe('NotAllowed')
      const line = JSON.stringify({
        id: newId(),
        ...retract(REPORTED_FACT),
        recordedAt: '2017-07-02T00:00:00.000Z',
      })
      const viaFile = await importLog(store, line, PRINCIPALS.reporter)
      expect(E.isLeft(viaFile) && viaFile.left).toMatchObject({ _tag: 'NotAllowed' })
      expect((await store.readAll()).length).toBe(before)
    })
    it('covers a case’s opening once a step of the case is verified: retracting it would hide the verified step', async () => {
      const openingAfterLoss = async (verifyLoss: boolean) => {
        const store = await given()
        const [opening] = (await store.readStream(`case-${CASE_ID}`)).map((e) => e.id)
        const loss = {
          type: 'CaseDecided',
          data: {
            unitId: UNIT,
            occurredOn: '2017-06-20',
            caseId: CASE_ID,
            instance: 'first',
            outcome: 'lost',
          },
        }
        const step = await appendValidated(store, [loss], { principal: PRINCIPALS.reporter, newId })
        if (E.isLeft(step)) throw new Error(step.left._tag)
        if (verifyLoss)
          await appendValidated(store, [verify(step.right.events[0]!.id)], {
            principal: PRINCIPALS.reviewer,
            newId,
          })
        const r = await appendValidated(store, [retract(opening!)], { principal: PRINCIPALS.reporter, newId })
        return E.isRight(r) ? 'stored' : r.left._tag
      }
      expect(await openingAfterLoss(false)).toBe('stored')
      expect(await openingAfterLoss(true)).toBe('NotAllowed')
    })
    it('lets the city retract it anyway', async () => {
      const { store } = await verified()
      const r = await appendValidated(store, [retract(REPORTED_FACT)], { principal: PRINCIPALS.admin, newId })
      expect(E.isRight(r)).toBe(true)
    })
    it('is the reporter’s to retract again once the 考核组 retracted its verification', async () => {
      const { store, verification } = await verified()
      const undo = await appendValidated(store, [retract(verification)], {
        principal: PRINCIPALS.reviewer,
        newId,
      })
      expect(E.isRight(undo)).toBe(true)
      const r = await appendValidated(store, [retract(REPORTED_FACT)], {
        principal: PRINCIPALS.reporter,
        newId,
      })
      expect(E.isRight(r)).toBe(true)
    })
  })
  it('refuses anyone retracting a retraction (scoring never undoes one: the fact is recorded again)', async () => {
    const store = await given()
    const first = await appendValidated(store, [retract(REPORTED_FACT)], {
      principal: PRINCIPALS.reporter,
      newId,
    })
    if (E.isLeft(first)) throw new Error(first.left._tag)
    const retraction = first.right.events[0]!.id
    const before = (await store.readAll()).length
    for (const who of ['reporter', 'reviewer', 'admin'] as const) {
      const r = await appendValidated(store, [retract(retraction)], { principal: PRINCIPALS[who], newId })
      expect(E.isLeft(r) && 'issues' in r.left && r.left.issues).toEqual([
        {
          path: 'events.0.data.targetEventId',
          message: `${retraction} 本身是一条撤回记录，不能再撤回；如需恢复被撤回的事实，请重新记录该事实`,
        },
      ])
    }
    const line = (id: string) =>
      JSON.stringify({ id, ...retract(retraction), recordedAt: '2017-07-02T00:00:00.000Z' })
    const viaFile = await importLog(store, line(newId()), PRINCIPALS.reporter)
    expect(E.isLeft(viaFile) && viaFile.left).toMatchObject({ _tag: 'BadLines' })
    expect((await store.readAll()).length).toBe(before)
    // An admin's re-load of an export keeps what was stored before this rule, and the log still reads.
    expect(E.isRight(await importLog(store, line(newId())))).toBe(true)
  })
})

describe('a case id whose opening was retracted', () => {
  it('stays its unit’s on a reporter’s file import too: another unit’s reporter is told it is taken', async () => {
    const store = await given()
    const [opening] = (await store.readStream(`case-${CASE_ID}`)).map((e) => e.id)
    const retraction = {
      type: 'EventRetracted',
      data: { unitId: UNIT, occurredOn: '2017-07-01', targetEventId: opening!, reason: '录错' },
    }
    expect(
      E.isRight(await appendValidated(store, [retraction], { principal: PRINCIPALS.reporter, newId }))
    ).toBe(true)
    const before = (await store.readAll()).length
    const takeOver = JSON.stringify({
      id: newId(),
      type: 'CaseOpened',
      data: { unitId: OTHER, occurredOn: '2017-07-01', caseId: CASE_ID, kind: 'administrative_litigation' },
      recordedAt: '2017-07-02T00:00:00.000Z',
    })
    const r = await importLog(store, takeOver, PRINCIPALS.otherReporter)
    expect(E.isLeft(r) && r.left).toEqual({
      _tag: 'BadLines',
      issues: [
        {
          line: 1,
          path: 'data.caseId',
          message: `案件编号 ${CASE_ID} 已被使用，请换一个编号（建议以本单位代码开头）`,
        },
      ],
    })
    expect((await store.readAll()).length).toBe(before)
  })
})

describe('dates a unit reports', () => {
  const trainingOn = (occurredOn: string) => ({
    type: 'TrainingHeld',
    data: { ...(SAMPLES.TrainingHeld as Record<string, unknown>), occurredOn },
  })
  const now = () => '2017-07-01T17:00:00.000Z' // 01:00 on 2017-07-02 in Beijing, still 2017-07-01 in UTC
  it('refuses a reporter’s fact dated after the day it is recorded (Beijing time), storing nothing', async () => {
    const store = await given()
    const before = (await store.readAll()).length
    const r = await appendValidated(store, [trainingOn('2017-07-03')], {
      principal: PRINCIPALS.reporter,
      newId,
      now,
    })
    expect(E.isLeft(r) && 'issues' in r.left && r.left.issues).toEqual([
      {
        path: 'events.0.data.occurredOn',
        message: '发生日期 2017-07-03 晚于记录当天（北京时间 2017-07-02）：只能记录已经发生的事实',
      },
    ])
    expect((await store.readAll()).length).toBe(before)
    const line = JSON.stringify({
      id: newId(),
      ...trainingOn('2099-01-01'),
      recordedAt: '2017-07-02T00:00:00.000Z',
    })
    const viaFile = await importLog(store, line, PRINCIPALS.reporter)
    expect(E.isLeft(viaFile) && viaFile.left).toMatchObject({ _tag: 'BadLines' })
    expect((await store.readAll()).length).toBe(before)
  })
  it('takes a reporter’s fact dated today in Beijing, though it is still yesterday in UTC', async () => {
    const store = await given()
    const r = await appendValidated(store, [trainingOn('2017-07-02')], {
      principal: PRINCIPALS.reporter,
      newId,
      now,
    })
    expect(E.isRight(r)).toBe(true)
  })
})

describe('adjustments and judged points name what exists', () => {
  it('refuses a PointsAdjusted naming an indicator the scheme does not have, storing nothing', async () => {
    const store = await given()
    const before = (await store.readAll()).length
    const r = await appendValidated(
      store,
      [{ type: 'PointsAdjusted', data: { ...SAMPLES.PointsAdjusted, indicatorId: 'Z9' } }],
      { principal: PRINCIPALS.admin, newId }
    )
    expect(E.isLeft(r) && r.left._tag === 'Rejected' && r.left.issues.map((i) => i.path)).toEqual([
      'events.0.data.indicatorId',
    ])
    expect((await store.readAll()).length).toBe(before)
  })
  it('refuses the same adjustment in an imported event file, naming its line, storing nothing', async () => {
    const store = await given()
    const before = (await store.readAll()).length
    const line = JSON.stringify({
      id: newId(),
      type: 'PointsAdjusted',
      data: { ...SAMPLES.PointsAdjusted, indicatorId: 'Z9' },
      recordedAt: '2017-07-02T01:00:00.000Z',
    })
    const r = await importLog(store, line)
    expect(E.isLeft(r) && r.left._tag === 'BadLines' && r.left.issues.map((i) => [i.line, i.path])).toEqual([
      [1, 'data.indicatorId'],
    ])
    expect((await store.readAll()).length).toBe(before)
  })

  it('accepts an adjustment of the bonus block', async () => {
    const store = await given()
    const r = await appendValidated(
      store,
      [{ type: 'PointsAdjusted', data: { ...SAMPLES.PointsAdjusted, indicatorId: 'bonus' } }],
      { principal: PRINCIPALS.admin, newId }
    )
    expect(E.isRight(r)).toBe(true)
  })
})
