import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { caseWith, training, unitRegistered } from '../testing/facts'
import { logBuilder, uuid } from '../testing/log-builder'
import { formatLineIssue, readLog } from './read-log'

const problems = (text: string) => {
  const r = readLog(text)
  return E.isLeft(r) ? r.left.map((i) => formatLineIssue('events.ndjson', i)) : []
}

describe('reading an event file', () => {
  it('reads valid lines in order, numbering them by line', () => {
    const r = readLog(logBuilder().add(unitRegistered('jiange'), training('jiange', 'lecture')).text())
    expect(E.isRight(r) && r.right.map((e) => [e.type, e.seq])).toEqual([
      ['UnitRegistered', 1],
      ['TrainingHeld', 2],
    ])
  })

  it('names the line and field of a negative count', () => {
    const text = logBuilder()
      .add(unitRegistered('jiange'), training('jiange', 'lecture', { attendees: -3 }))
      .text()
    expect(problems(text)).toEqual(['events.ndjson:2 data.attendees: 应为非负整数，实际为 -3'])
  })

  it('reports every bad line, not just the first: bad JSON, unknown type, impossible date, missing field', () => {
    const good = logBuilder().add(unitRegistered('jiange')).text()
    const lines = [
      good,
      '{"id": "broken',
      JSON.stringify({ id: uuid(90), type: 'TrainingHold', data: {}, recordedAt: '2017-01-01T00:00:00Z' }),
      JSON.stringify({
        id: uuid(91),
        type: 'DocumentIssued',
        data: { unitId: 'jiange', occurredOn: '2017-02-29', documentId: 'd', docType: 'plan', title: '方案' },
        recordedAt: '2017-03-01T00:00:00Z',
      }),
      JSON.stringify({
        id: uuid(92),
        type: 'StaffingReported',
        data: { unitId: 'jiange', occurredOn: '2017-03-01', legalSectionEstablished: 'yes' },
        recordedAt: '2017-03-01T00:00:00Z',
      }),
    ]
    expect(problems(lines.join('\n'))).toEqual([
      expect.stringMatching(/^events\.ndjson:2: 不是有效的 JSON/),
      'events.ndjson:3 type: 未知事件类型 "TrainingHold"',
      'events.ndjson:4 data.occurredOn: 应为有效日期（YYYY-MM-DD），实际为 "2017-02-29"',
      'events.ndjson:5 data.legalSectionEstablished: 应为布尔值（true/false），实际为 "yes"',
      'events.ndjson:5 data.fullTimeLegalStaff: 缺少必填字段',
    ])
  })

  it('rejects an event of a unit that was never registered', () => {
    expect(problems(logBuilder().add(training('nowhere', 'lecture')).text())).toEqual([
      'events.ndjson:1 data.unitId: 未登记的单位 nowhere（须先登记被考核单位）',
    ])
  })

  it("rejects a follow-up on another unit's case", () => {
    const [opened] = caseWith('jiange', 'administrative_litigation')
    const caseId = (opened!.data as { caseId: string }).caseId
    const text = logBuilder()
      .add(unitRegistered('jiange'), unitRegistered('wangcang'), opened!, {
        type: 'HearingHeld',
        data: { unitId: 'wangcang', occurredOn: '2017-05-01', caseId, leaderAppeared: true },
      })
      .text()
    expect(problems(text)).toEqual([
      `events.ndjson:4 data.caseId: 案件 ${caseId} 属于单位 jiange，不能由 wangcang 记录`,
    ])
  })

  it('accepts a repeated line with the same id and content once, and rejects the same id with other content', () => {
    const line = JSON.stringify({
      id: uuid(77),
      type: 'UnitRegistered',
      data: { unitId: 'a', name: '甲', kind: 'district' },
      recordedAt: '2017-01-01T00:00:00Z',
    })
    const r = readLog([line, line].join('\n'))
    expect(E.isRight(r) && r.right.length).toBe(1)
    const other = line.replace('甲', '乙')
    expect(problems([line, other].join('\n'))).toEqual([
      `events.ndjson:2 id: 事件 id ${uuid(77)} 已存在且内容不同`,
    ])
  })

  it("rejects a retraction of another unit's fact", () => {
    const b = logBuilder().add(unitRegistered('a'), unitRegistered('b'), training('b', 'lecture'))
    const target = b.ids()[2]!
    b.add({
      type: 'EventRetracted',
      data: { unitId: 'a', occurredOn: '2017-05-01', targetEventId: target, reason: '错误' },
    })
    expect(problems(b.text())).toEqual([
      `events.ndjson:4 data.targetEventId: 只能撤回本单位（a）的事实记录，${target} 不是`,
    ])
  })

  it('rejects a retraction of an event that does not exist', () => {
    const text = logBuilder()
      .add(unitRegistered('a'), {
        type: 'EventRetracted',
        data: { unitId: 'a', occurredOn: '2017-05-01', targetEventId: uuid(4242), reason: '错误' },
      })
      .text()
    expect(problems(text)).toEqual([
      `events.ndjson:2 data.targetEventId: 撤回的目标事件 ${uuid(4242)} 不存在（须在本记录之前）`,
    ])
  })
})
