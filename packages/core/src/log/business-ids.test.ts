import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { fact, unitRegistered } from '../testing/facts'
import { logBuilder, uuid } from '../testing/log-builder'
import { businessKey, indexKeys } from './business-key'
import { formatLineIssue, readLog } from './read-log'

const problems = (text: string) => {
  const r = readLog(text)
  return E.isLeft(r) ? r.left.map((i) => formatLineIssue('events.ndjson', i)) : []
}
const session = (unitId: string, sessionId: string, topic = '学法') =>
  fact('TrainingHeld', unitId, { sessionId, kind: 'lecture', topic, attendees: 20 })
const retraction = (unitId: string, targetEventId: string) => ({
  type: 'EventRetracted',
  data: { unitId, occurredOn: '2017-07-01', targetEventId, reason: '录入错误' },
})
const returned = (unitId: string, targetEventId: string) => ({
  type: 'FactReturned',
  data: { unitId, occurredOn: '2017-07-01', targetEventId, reason: '佐证不足' },
})

describe('business keys', () => {
  it('name a fact by type, unit and business id; a case opening has none (its stream is named by the case id)', () => {
    expect(businessKey('TrainingHeld', { unitId: 'jiange', sessionId: 's1' })).toBe('TrainingHeld|jiange|s1')
    expect(businessKey('AppealFiled', { unitId: 'jiange', appealId: 'a1' })).toBe('AppealFiled|jiange|a1')
    expect(businessKey('HearingHeld', { unitId: 'jiange', caseId: 'c1' })).toBeUndefined()
    expect(businessKey('CaseOpened', { unitId: 'jiange', caseId: 'c1' })).toBeUndefined()
    expect(businessKey('TrainingHeld', { k: 1 })).toBeUndefined()
    expect(businessKey('Nope', { unitId: 'jiange', sessionId: 's1' })).toBeUndefined()
  })

  it('index a correction under its target, so the store finds what undid a fact', () => {
    expect(indexKeys('TrainingHeld', { unitId: 'jiange', sessionId: 's1' })).toEqual([
      'TrainingHeld|jiange|s1',
    ])
    expect(indexKeys('EventRetracted', { unitId: 'jiange', targetEventId: uuid(1) })).toEqual([
      `undo|${uuid(1)}`,
    ])
    expect(indexKeys('FactReturned', { unitId: 'jiange', targetEventId: uuid(1) })).toEqual([
      `undo|${uuid(1)}`,
    ])
    expect(indexKeys('FactVerified', { unitId: 'jiange', targetEventId: uuid(1) })).toEqual([])
  })
})

describe('a business id in an event file', () => {
  it('refuses a second fact with the same business id in the same unit, at its line, naming the first', () => {
    const b = logBuilder().add(
      unitRegistered('jiange'),
      session('jiange', 's1'),
      session('jiange', 's1', '复训')
    )
    expect(problems(b.text())).toEqual([
      `events.ndjson:3 data.sessionId: 学法/培训/考试编号 s1 已由事件 ${b.ids()[1]} 记录；如需更正，请先撤回该事件再重新记录`,
    ])
  })

  it('accepts the same business id in another unit, and under another type', () => {
    const text = logBuilder()
      .add(
        unitRegistered('jiange'),
        unitRegistered('wangcang'),
        session('jiange', 's1'),
        session('wangcang', 's1'),
        fact('PublicityHeld', 'jiange', { activityId: 's1', kind: 'lecture', topic: '普法' })
      )
      .text()
    expect(problems(text)).toEqual([])
  })

  it('skips a repeated line (same id, same content) instead of refusing it', () => {
    const b = logBuilder().add(unitRegistered('jiange'), session('jiange', 's1'))
    const lines = b.text().split('\n')
    const r = readLog([...lines, lines[1]].join('\n'))
    expect(E.isRight(r) && r.right.map((e) => e.seq)).toEqual([1, 2])
  })

  it('accepts the business id again once the fact holding it was retracted', () => {
    const b = logBuilder().add(unitRegistered('jiange'), session('jiange', 's1'))
    b.add(retraction('jiange', b.ids()[1]!), session('jiange', 's1', '更正后'))
    expect(problems(b.text())).toEqual([])
  })

  it('accepts the business id again once the 考核组 returned the fact holding it', () => {
    const b = logBuilder().add(unitRegistered('jiange'), session('jiange', 's1'))
    b.add(returned('jiange', b.ids()[1]!), session('jiange', 's1', '补正后'))
    expect(problems(b.text())).toEqual([])
  })

  it('refuses to retract a return when the returned fact was recorded again meanwhile, and allows it otherwise', () => {
    const b = logBuilder().add(unitRegistered('jiange'), session('jiange', 's1'))
    const [, first] = b.ids()
    b.add(returned('jiange', first!))
    const [, , ret] = b.ids()
    b.add(session('jiange', 's1', '补正后'), retraction('jiange', ret!))
    const recorded = b.ids()[3]
    expect(problems(b.text())).toEqual([
      `events.ndjson:5 data.targetEventId: 撤回退回记录 ${ret} 会使事件 ${first} 重新计入，但学法/培训/考试编号 s1 已由事件 ${recorded} 记录；须先撤回事件 ${recorded}`,
    ])
    // Without the new recording the return is retracted, and the fact holds its id again.
    const c = logBuilder().add(unitRegistered('jiange'), session('jiange', 's1'))
    const [, held] = c.ids()
    c.add(returned('jiange', held!))
    c.add(retraction('jiange', c.ids()[2]!), session('jiange', 's1', '又一次'))
    expect(problems(c.text())).toEqual([
      `events.ndjson:5 data.sessionId: 学法/培训/考试编号 s1 已由事件 ${held} 记录；如需更正，请先撤回该事件再重新记录`,
    ])
  })

  it('keeps the case decider’s own message for a case opened twice', () => {
    const opened = fact('CaseOpened', 'jiange', { caseId: 'c-1', kind: 'administrative_litigation' })
    const text = logBuilder()
      .add(unitRegistered('jiange'), opened, { ...opened, data: { ...opened.data } })
      .text()
    expect(problems(text)).toEqual(['events.ndjson:3 data.caseId: 案件 c-1 已立案，不能重复立案'])
  })
})
