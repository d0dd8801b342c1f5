import { describe, expect, it } from 'vitest'
import { generateDemoCity } from './generate'

const lines = generateDemoCity()
const of = (unitId: string, type: string) => lines.filter((l) => l.type === type && l.data.unitId === unitId)
const caseKind = new Map(
  lines.filter((l) => l.type === 'CaseOpened').map((l) => [l.data.caseId, l.data.kind])
)
const ofCaseKind = (unitId: string, type: string, kind: string) =>
  of(unitId, type).filter((l) => caseKind.get(l.data.caseId) === kind)

describe('demo city generator', () => {
  it('is deterministic: the same seed gives the same lines, another seed others', () => {
    expect(JSON.stringify(generateDemoCity())).toBe(JSON.stringify(lines))
    expect(JSON.stringify(generateDemoCity({ seed: 7 }))).not.toBe(JSON.stringify(lines))
  })

  it('gives every event a unique id and strictly increasing recordedAt', () => {
    expect(new Set(lines.map((l) => l.id)).size).toBe(lines.length)
    for (let i = 1; i < lines.length; i++) expect(lines[i]!.recordedAt > lines[i - 1]!.recordedAt).toBe(true)
  })

  it('holds a year of several thousand events', () => {
    expect(lines.length).toBeGreaterThan(5000)
    expect(lines.length).toBeLessThan(15000)
  })

  it('has 剑阁 win 30 and lose 1 of 31 lawsuits with its chief at every hearing', () => {
    const decided = ofCaseKind('jiange', 'CaseDecided', 'administrative_litigation')
    expect(decided.filter((l) => l.data.outcome === 'won')).toHaveLength(30)
    expect(decided.filter((l) => l.data.outcome === 'lost')).toHaveLength(1)
    expect(of('jiange', 'HearingHeld').every((l) => l.data.leaderAppeared === true)).toBe(true)
  })

  it('has 利州 open 1089 arbitration cases, close 1071 and hold no hearing', () => {
    expect(of('lizhou', 'CaseOpened').filter((l) => l.data.kind === 'labor_arbitration')).toHaveLength(1089)
    expect(ofCaseKind('lizhou', 'CaseClosed', 'labor_arbitration')).toHaveLength(1071)
    expect(of('lizhou', 'HearingHeld')).toHaveLength(0)
  })

  it('has 旺苍 appear in 9 of 10 hearings and issue its plan on 2017-05-10', () => {
    const hearings = of('wangcang', 'HearingHeld')
    expect([hearings.length, hearings.filter((l) => l.data.leaderAppeared).length]).toEqual([10, 9])
    expect(
      of('wangcang', 'DocumentIssued').find((l) => l.data.docType === 'rule_of_law_plan')?.data.occurredOn
    ).toBe('2017-05-10')
  })

  it('has the province notify 苍溪 for poor publicity and a veto incident in 朝天', () => {
    expect(of('cangxi', 'NotificationReceived')[0]?.data).toMatchObject({
      issuer: 'province',
      reason: 'policy_publicity_inadequate',
      rectificationRequired: true,
    })
    expect(of('chaotian', 'VetoIncidentRecorded')).toHaveLength(1)
  })

  it('records every case step after the case was opened, by the same unit', () => {
    const opened = new Map<unknown, { unitId: unknown; at: string }>()
    for (const l of lines) {
      if (l.type === 'CaseOpened') opened.set(l.data.caseId, { unitId: l.data.unitId, at: l.recordedAt })
      else if (typeof l.data.caseId === 'string') {
        const o = opened.get(l.data.caseId)
        expect(o, `${l.type} of ${l.data.caseId}`).toBeDefined()
        expect(o?.unitId).toBe(l.data.unitId)
      }
    }
  })
})
