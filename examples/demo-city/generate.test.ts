/**
 * The demo city's lines, checked without scoring: determinism, the log rules, who records what, and the
 * figures the fixtures pin (counted by case, the way SPEC §4 "Case metrics" counts them).
 */
import { authorize, decodeEvent, type EventType, type Principal, parseActor, readLog } from '@kaoping/core'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { ADMIN, REVIEWER } from './actors'
import { generateDemoCity } from './generate'

const lines = generateDemoCity()
const of = (unitId: string, type: string) => lines.filter((l) => l.type === type && l.data.unitId === unitId)
const caseKind = new Map(
  lines.filter((l) => l.type === 'CaseOpened').map((l) => [l.data.caseId, l.data.kind])
)
const ofCaseKind = (unitId: string, type: string, kind: string) =>
  of(unitId, type).filter((l) => caseKind.get(l.data.caseId) === kind)

/** A case as SPEC §4 folds it (no case event is retracted in the demo). */
interface Folded {
  readonly unitId: string
  readonly kind: string
  readonly openedOn: string
  closedOn: string | null
  withinTimeLimit: boolean | null
  outcome: string | null
  decidedOn: string | null
  instance: number
  hearings: number
  leaderAtAll: boolean
  performed: boolean
}
/** The fields of the case events, as the generator writes them. */
interface CaseData {
  readonly caseId?: string
  readonly unitId: string
  readonly kind: string
  readonly occurredOn: string
  readonly leaderAppeared: boolean
  readonly instance: string
  readonly outcome: string
  readonly withinTimeLimit: boolean
}
const INSTANCE = { first: 1, second: 2, retrial: 3, final: 4 } as Record<string, number>
const cases = new Map<string, Folded>()
for (const l of lines) {
  const d = l.data as unknown as CaseData
  if (l.type === 'CaseOpened')
    cases.set(d.caseId!, {
      unitId: d.unitId,
      kind: d.kind,
      openedOn: d.occurredOn,
      closedOn: null,
      withinTimeLimit: null,
      outcome: null,
      decidedOn: null,
      instance: 0,
      hearings: 0,
      leaderAtAll: true,
      performed: false,
    })
  const c = typeof d.caseId === 'string' ? cases.get(d.caseId) : undefined
  if (!c) continue
  if (l.type === 'HearingHeld') {
    c.hearings++
    c.leaderAtAll &&= d.leaderAppeared
  }
  if (l.type === 'CaseDecided' && INSTANCE[d.instance]! > c.instance) {
    c.instance = INSTANCE[d.instance]!
    c.outcome = d.outcome
    c.decidedOn = d.occurredOn
  }
  if (l.type === 'CaseClosed') {
    c.closedOn = d.occurredOn
    c.withinTimeLimit = d.withinTimeLimit
  }
  if (l.type === 'RulingPerformed') c.performed = true
}
const FROM = '2017-01-01'
const TO = '2017-12-31'
const casesOf = (unitId: string, kind: string) =>
  [...cases.values()].filter((c) => c.unitId === unitId && c.kind === kind)
const active = (unitId: string, kind: string) =>
  casesOf(unitId, kind).filter((c) => c.openedOn <= TO && (c.closedOn === null || c.closedOn >= FROM))
const closedIn2017 = (cs: ReadonlyArray<Folded>) =>
  cs.filter((c) => c.closedOn !== null && c.closedOn >= FROM && c.closedOn <= TO)
const decidedIn2017 = (unitId: string, kind: string) =>
  casesOf(unitId, kind).filter((c) => c.decidedOn !== null && c.decidedOn >= FROM && c.decidedOn <= TO)

describe('demo city generator', () => {
  it('is deterministic: the same seed gives the same lines, another seed others', () => {
    expect(JSON.stringify(generateDemoCity())).toBe(JSON.stringify(lines))
    expect(JSON.stringify(generateDemoCity({ seed: 7 }))).not.toBe(JSON.stringify(lines))
  })

  it('gives every event a unique id and strictly increasing recordedAt', () => {
    expect(new Set(lines.map((l) => l.id)).size).toBe(lines.length)
    for (let i = 1; i < lines.length; i++) expect(lines[i]!.recordedAt > lines[i - 1]!.recordedAt).toBe(true)
  })

  it('holds a year of several thousand events, recorded from December 2016 into February 2018', () => {
    expect(lines.length).toBeGreaterThan(5000)
    expect(lines.length).toBeLessThan(15000)
    expect(lines[0]!.recordedAt.slice(0, 10)).toBe('2016-12-28')
    expect(lines.at(-1)!.recordedAt < '2018-03-01').toBe(true)
  })

  it('passes every log rule of a store (units first, case lifecycles, corrections and reviews aimed at facts)', () => {
    // The assessment cycle's own rules (windows, order) are checked by importing the log: cycle.test.ts.
    const read = readLog(lines.map((l) => JSON.stringify(l)).join('\n'))
    expect(E.isRight(read) ? 'ok' : read.left.slice(0, 3)).toBe('ok')
  })

  it('has each fact recorded by whoever has the authority for it (SPEC §3)', () => {
    const review = ['CaseFileReviewScored', 'FactVerified', 'FactReturned', 'IndicatorJudged', 'SurveyScored']
    const city = [
      'UnitRegistered',
      'SchemePublished',
      'NotificationReceived',
      'VetoIncidentRecorded',
      'HonorAwarded',
      'PointsAdjusted',
      'AppealDecided',
      'ResultPublished',
    ]
    for (const l of lines) {
      if (review.includes(l.type)) expect(l.actor, l.type).toBe(REVIEWER)
      else if (city.includes(l.type)) expect(l.actor, l.type).toBe(ADMIN)
      else expect(l.actor, l.type).toMatch(new RegExp(`^.+填报员 \\(reporter@${l.data.unitId}\\)$`))
    }
  })

  it('passes the authority check as the actor that recorded each line', () => {
    const byId = new Map(lines.map((l) => [l.id, l]))
    const problems = lines.flatMap((l) => {
      const a = parseActor(l.actor)
      const principal = {
        role: a.role!,
        name: a.name,
        ...(a.unitId ? { unitId: a.unitId } : {}),
      } as Principal
      const event = decodeEvent(l.type, l.data)
      if (E.isLeft(event)) return [`${l.type}: ${event.left[0]?.path} ${event.left[0]?.message}`]
      const t = typeof l.data.targetEventId === 'string' ? byId.get(l.data.targetEventId) : undefined
      const target = t && {
        type: t.type as EventType,
        actor: t.actor,
        ...(typeof t.data.unitId === 'string' ? { unitId: t.data.unitId } : {}),
      }
      const problem = authorize(principal, event.right, target)
      return problem ? [`${l.type} by ${l.actor}: ${problem.message}`] : []
    })
    expect(problems).toEqual([])
  })

  it('has 剑阁 win 30 and lose 1 of 31 lawsuits by final judgment, one of the 30 lost at first instance', () => {
    const suits = decidedIn2017('jiange', 'administrative_litigation')
    expect(suits).toHaveLength(31)
    expect(suits.filter((c) => c.outcome === 'lost')).toHaveLength(1)
    // Counted by decision events, there are 2 losses: the case won on appeal is no loss.
    const lostDecisions = ofCaseKind('jiange', 'CaseDecided', 'administrative_litigation').filter(
      (l) => l.data.outcome === 'lost'
    )
    expect(lostDecisions).toHaveLength(2)
    expect(suits.every((c) => c.hearings >= 1 && c.leaderAtAll)).toBe(true)
  })

  it('has 昭化 lose on appeal a lawsuit it had won at first instance, and perform the judgment', () => {
    const reversed = casesOf('zhaohua', 'administrative_litigation').filter(
      (c) => c.instance === 2 && c.outcome === 'lost'
    )
    expect(reversed).toHaveLength(1)
    expect(reversed[0]!.performed).toBe(true)
  })

  it('has 利州 handle 1089 arbitration cases in 2017 (29 carried over from 2016), close 1071, mediate 760', () => {
    const cohort = active('lizhou', 'labor_arbitration')
    expect(cohort).toHaveLength(1089)
    expect(cohort.filter((c) => c.openedOn < FROM)).toHaveLength(29)
    expect(cohort.filter((c) => c.openedOn < FROM).every((c) => c.closedOn! >= '2017-01-01')).toBe(true)
    expect(closedIn2017(cohort)).toHaveLength(1071)
    const closings = ofCaseKind('lizhou', 'CaseClosed', 'labor_arbitration')
    expect(closings).toHaveLength(1071)
    expect(closings.filter((l) => l.data.resolution === 'mediated')).toHaveLength(760)
  })

  it('has 利州 hold no hearing at all: its two lawsuits were withdrawn before trial', () => {
    expect(of('lizhou', 'HearingHeld')).toHaveLength(0)
    expect(casesOf('lizhou', 'administrative_litigation').map((c) => c.outcome)).toEqual([
      'withdrawn',
      'withdrawn',
    ])
  })

  it('closes some cases of 2017 only in January 2018 (active in 2017, not closed in it)', () => {
    const late = [...cases.values()].filter((c) => c.closedOn !== null && c.closedOn > TO)
    expect(late.length).toBeGreaterThan(10)
    expect(late.every((c) => c.openedOn >= '2017-11-15' && c.openedOn <= TO)).toBe(true)
  })

  it('has 旺苍 appear in 9 of 10 hearings and issue its plan on 2017-05-10', () => {
    const hearings = of('wangcang', 'HearingHeld')
    expect([hearings.length, hearings.filter((l) => l.data.leaderAppeared).length]).toEqual([10, 9])
    expect(
      of('wangcang', 'DocumentIssued').find((l) => l.data.docType === 'rule_of_law_plan')?.data.occurredOn
    ).toBe('2017-05-10')
  })

  it('leaves quarters without a 双随机 inspection: 旺苍 skips the third, 经开区 makes all four in the fourth', () => {
    const quarters = (unitId: string) =>
      of(unitId, 'InspectionConducted').map((l) =>
        Math.ceil(Number((l.data.occurredOn as string).slice(5, 7)) / 3)
      )
    expect(new Set(quarters('wangcang'))).toEqual(new Set([1, 2, 4]))
    expect(quarters('jingkai').filter((q) => q === 4).length).toBeGreaterThanOrEqual(4)
    expect(new Set(quarters('jingkai'))).toEqual(new Set([4]))
  })

  it('has the province notify 苍溪 for poor publicity and a veto incident in 朝天', () => {
    expect(of('cangxi', 'NotificationReceived')[0]?.data).toMatchObject({
      issuer: 'province',
      reason: 'policy_publicity_inadequate',
      rectificationRequired: true,
    })
    expect(of('chaotian', 'VetoIncidentRecorded')).toHaveLength(1)
  })

  it('records a January 2018 通报 about 2017 that counts on 2017-12-31', () => {
    expect(of('lizhou', 'NotificationReceived').map((l) => l.data)).toMatchObject([
      { occurredOn: '2018-01-12', countsOn: '2017-12-31', issuer: 'province' },
    ])
  })

  it('dates the honours of 2015–2016 (seed 003) in their own years; 2017 has its own', () => {
    const honours = lines.filter((l) => l.type === 'HonorAwarded')
    const year = (l: (typeof lines)[number]) => (l.data.occurredOn as string).slice(0, 4)
    expect(
      honours
        .filter((l) => year(l) === '2015')
        .map((l) => l.data.unitId)
        .sort()
    ).toEqual(['cangxi', 'jiange', 'qingchuan'])
    expect(honours.filter((l) => year(l) === '2016')).toHaveLength(9)
    expect(
      honours
        .filter((l) => year(l) === '2017')
        .map((l) => `${l.data.unitId} ${l.data.level} ${l.data.documentId}`)
        .sort()
    ).toEqual([
      'lizhou provincial sc-fzb-2017-45',
      'qingchuan city gy-sfj-2017-38',
      'qingchuan city gy-sfj-2017-38',
      'wangcang city gy-sfj-2017-38',
    ])
  })

  it('has every annual report sent after the year count in it (countsOn), one of them late', () => {
    const reports = lines.filter((l) => l.type === 'DocumentIssued' && l.data.docType === 'annual_report')
    expect(reports).toHaveLength(14)
    for (const l of reports) expect(l.data.countsOn).toBe((l.data.occurredOn as string) > TO ? TO : undefined)
    expect(
      of('renli-ke', 'DocumentIssued').find((l) => l.data.docType === 'annual_report')?.data.occurredOn
    ).toBe('2018-01-19')
  })

  it('has the 考核组 verify facts, return 经开区’s misreported inspection, which the unit records again truthfully', () => {
    expect(lines.filter((l) => l.type === 'FactVerified').length).toBeGreaterThan(30)
    const [returned] = lines.filter((l) => l.type === 'FactReturned')
    expect(returned?.data).toMatchObject({ unitId: 'jingkai', reason: expect.stringContaining('据实更正') })
    const target = lines.find((l) => l.id === returned!.data.targetEventId)!
    expect(target.data.resultsPublished).toBe(true)
    const again = of('jingkai', 'InspectionConducted').filter(
      (l) => l.data.inspectionId === target.data.inspectionId
    )
    expect(again.map((l) => l.data.resultsPublished)).toEqual([true, false])
    expect(again[1]!.data.occurredOn).toBe(target.data.occurredOn)
    expect(again[1]!.recordedAt > returned!.recordedAt).toBe(true)
    const verified = lines.find((l) => l.type === 'FactVerified' && l.data.targetEventId === again[1]!.id)
    expect(verified).toBeDefined()
  })

  it('has the 考核组 judge every unit once in January 2018, and 旺苍 twice (the latest counts)', () => {
    const judged = lines.filter((l) => l.type === 'IndicatorJudged')
    expect(new Set(judged.map((l) => l.data.unitId)).size).toBe(14)
    expect(judged.every((l) => (l.data.occurredOn as string).startsWith('2018-01'))).toBe(true)
    expect(of('wangcang', 'IndicatorJudged').map((l) => l.data.points)).toEqual([4.5, 5])
    for (const l of judged)
      expect(l.data).toMatchObject(
        l.data.schemeId === 'guangyuan-districts-2017' ? { indicatorId: 'J1' } : { indicatorId: 'K6-1' }
      )
  })

  it('puts 昭化’s −1 for a late statistics report on the reporting indicator A7', () => {
    expect(of('zhaohua', 'PointsAdjusted').map((l) => l.data)).toMatchObject([
      { indicatorId: 'A7', points: -1, approvedBy: '市人社局局务会' },
    ])
  })

  it('pins the sections’ caseloads: 仲裁院 closes exactly 95%, 工伤保险科 decides one of 60 late', () => {
    const arbitration = active('zhongcai-yuan', 'labor_arbitration')
    expect([closedIn2017(arbitration).length, arbitration.length]).toEqual([171, 180])
    const injuries = closedIn2017(active('gongshang-ke', 'work_injury_recognition'))
    expect([injuries.filter((c) => c.withinTimeLimit).length, injuries.length]).toEqual([59, 60])
    // Seed 001: 监察立案 101 件.
    expect(casesOf('jiancha-zhidui', 'labor_inspection').filter((c) => c.openedOn >= FROM)).toHaveLength(101)
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
