/**
 * @module One valid event of every catalog type about one unit, over a small log that makes each of them
 * acceptable (a registered unit, a published scheme, an open case, a fact a reporter of the unit recorded),
 * and the roles that may append each — what the authority matrix tests walk through, on every way in.
 */

import { CATALOG, type EventType, formatActor, type Principal, type Role } from '@kaoping/core'
import { learningScheme } from '@kaoping/core/testing/small-city'

export const UNIT = 'lizhou'
export const OTHER = 'cangxi'
export const SCHEME_ID = 'authority-2017'
export const CASE_ID = 'lizhou-al-1'
const on = '2017-06-01'

/** Ids of the fixture's stored events that corrections aim at. */
export const REPORTED_FACT = '70000000-0000-4000-8000-000000000001'
export const CITY_FACT = '70000000-0000-4000-8000-000000000002'
export const REVIEW_FACT = '70000000-0000-4000-8000-000000000003'
export const OTHER_UNIT_FACT = '70000000-0000-4000-8000-000000000004'
export const CITY_RECORDED_UNIT_FACT = '70000000-0000-4000-8000-000000000005'

const SCHEME = learningScheme({
  schemeId: SCHEME_ID,
  title: '权限测试考核办法',
  period: { from: '2017-01-01', to: '2017-12-31' },
  grades: [{ name: '合格', min: 0 }],
})

export const PRINCIPALS = {
  admin: { role: 'admin', name: '市局' },
  reviewer: { role: 'reviewer', name: '考核组' },
  auditor: { role: 'auditor', name: '审计' },
  reporter: { role: 'reporter', unitId: UNIT, name: '利州填报员' },
  otherReporter: { role: 'reporter', unitId: OTHER, name: '苍溪填报员' },
} as const satisfies Record<string, Principal>
export type Who = keyof typeof PRINCIPALS

interface Stored {
  readonly id: string
  readonly type: string
  readonly data: unknown
  readonly actor: string
}

const training = (unitId: string, sessionId: string) => ({
  unitId,
  occurredOn: on,
  sessionId,
  kind: 'leadership_study',
  topic: '学习宪法',
  attendees: 12,
})

/** The log every case starts from, as an event file an admin imports (actors kept). */
export const FIXTURE: ReadonlyArray<Stored> = [
  { type: 'UnitRegistered', data: { unitId: UNIT, name: '利州区', kind: 'district' }, by: PRINCIPALS.admin },
  { type: 'UnitRegistered', data: { unitId: OTHER, name: '苍溪县', kind: 'district' }, by: PRINCIPALS.admin },
  {
    type: 'SchemePublished',
    data: { schemeId: SCHEME_ID, version: 1, scheme: SCHEME },
    by: PRINCIPALS.admin,
  },
  {
    type: 'CaseOpened',
    data: { unitId: UNIT, occurredOn: on, caseId: CASE_ID, kind: 'administrative_litigation' },
    by: PRINCIPALS.reporter,
  },
  { id: REPORTED_FACT, type: 'TrainingHeld', data: training(UNIT, 's-reported'), by: PRINCIPALS.reporter },
  {
    id: CITY_FACT,
    type: 'NotificationReceived',
    data: {
      unitId: UNIT,
      occurredOn: on,
      notificationId: 'tb-1',
      issuer: 'province',
      reason: 'policy_publicity_inadequate',
      rectificationRequired: true,
    },
    by: PRINCIPALS.admin,
  },
  {
    id: REVIEW_FACT,
    type: 'CaseFileReviewScored',
    data: { unitId: UNIT, occurredOn: on, reviewId: 'r-1', score: 60, files: 10 },
    by: PRINCIPALS.reviewer,
  },
  {
    id: OTHER_UNIT_FACT,
    type: 'TrainingHeld',
    data: training(OTHER, 's-other'),
    by: PRINCIPALS.otherReporter,
  },
  // A unit fact the city recorded on the unit's behalf: not the reporter's to retract.
  { id: CITY_RECORDED_UNIT_FACT, type: 'TrainingHeld', data: training(UNIT, 's-city'), by: PRINCIPALS.admin },
  // 初评公示 with an appeal window open for as long as these tests run (an admin's import of an export keeps
  // publications as they were; the hash is not what this fixture is about), and one appeal already filed.
  {
    type: 'ResultPublished',
    data: {
      schemeId: SCHEME_ID,
      version: 1,
      stage: 'preliminary',
      asOf: '2017-06-02T00:09:00.000Z',
      position: '9',
      sha256: 'b'.repeat(64),
      appealUntil: '2099-12-31',
    },
    by: PRINCIPALS.admin,
  },
  {
    type: 'AppealFiled',
    data: {
      unitId: UNIT,
      occurredOn: on,
      appealId: 'ap-1',
      schemeId: SCHEME_ID,
      indicatorId: 'A1',
      reason: '漏计',
    },
    by: PRINCIPALS.reporter,
  },
].map((e, i) => ({
  id: e.id ?? `71000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
  type: e.type,
  data: e.data,
  actor: formatActor(e.by),
}))

/** As an NDJSON event file (recordedAt a minute apart). */
export const fixtureFile = (): string =>
  FIXTURE.map((e, i) =>
    JSON.stringify({ ...e, recordedAt: new Date(Date.UTC(2017, 5, 2, 0, i)).toISOString() })
  ).join('\n')

const base = { unitId: UNIT, occurredOn: '2017-07-01' }

/** One acceptable event of each type (data only), about UNIT. */
export const SAMPLES = {
  UnitRegistered: { unitId: 'wangcang', name: '旺苍县', kind: 'district' },
  SchemePublished: { schemeId: SCHEME_ID, version: 2, scheme: { ...SCHEME, version: 2 } },
  CaseOpened: { ...base, caseId: 'lizhou-al-2', kind: 'administrative_litigation' },
  HearingHeld: { ...base, caseId: CASE_ID, leaderAppeared: true },
  DefenseSubmitted: { ...base, caseId: CASE_ID, onTime: true },
  CaseDecided: { ...base, caseId: CASE_ID, instance: 'first', outcome: 'won' },
  CaseClosed: { ...base, caseId: CASE_ID, withinTimeLimit: true },
  RulingPerformed: { ...base, caseId: CASE_ID },
  CaseExtended: { ...base, caseId: CASE_ID, days: 30 },
  TrainingHeld: training(UNIT, 's-new'),
  PublicityHeld: { ...base, activityId: 'p-1', kind: 'lecture', topic: '宪法宣传' },
  DocumentIssued: { ...base, documentId: 'd-1', docType: 'rule_of_law_plan', title: '实施方案' },
  NotificationReceived: {
    ...base,
    notificationId: 'tb-2',
    issuer: 'city',
    reason: 'late_statistics_report',
    rectificationRequired: false,
  },
  RectificationCompleted: { ...base, notificationId: 'tb-1' },
  StaffingReported: { ...base, legalSectionEstablished: true, fullTimeLegalStaff: 2 },
  InspectionConducted: {
    ...base,
    inspectionId: 'i-1',
    method: 'double_random',
    subjects: 5,
    resultsPublished: true,
  },
  CaseFileReviewScored: { ...base, reviewId: 'r-2', score: 100, files: 8 },
  RepresentationHandled: { ...base, itemId: 'n-1', kind: 'npc_suggestion', completed: true, satisfied: true },
  HonorAwarded: { ...base, honorId: 'h-1', level: 'national', title: '全国法治政府建设示范单位' },
  SurveyScored: { ...base, surveyId: 'sv-1', score: 100, respondents: 300 },
  VetoIncidentRecorded: { ...base, incidentId: 'v-1', kind: 'mass_incident', description: '群体性事件' },
  EventRetracted: { ...base, targetEventId: REPORTED_FACT, reason: '录入错误' },
  PointsAdjusted: {
    ...base,
    schemeId: SCHEME_ID,
    indicatorId: 'A1',
    points: -1,
    reason: '迟报',
    approvedBy: '局务会',
  },
  FactVerified: { ...base, targetEventId: REPORTED_FACT },
  FactReturned: { ...base, targetEventId: REPORTED_FACT, reason: '缺少签到表' },
  IndicatorJudged: { ...base, schemeId: SCHEME_ID, indicatorId: 'A1', points: 8, reason: '总体评价良好' },
  SelfAssessmentSubmitted: { ...base, schemeId: SCHEME_ID, items: [{ indicatorId: 'A1', points: 10 }] },
  ResultPublished: {
    schemeId: SCHEME_ID,
    version: 1,
    stage: 'preliminary',
    asOf: '2018-01-10T02:00:00.000Z',
    position: '9',
    sha256: 'a'.repeat(64),
    appealUntil: '2018-01-20',
  },
  AppealFiled: { ...base, appealId: 'ap-2', schemeId: SCHEME_ID, indicatorId: 'A1', reason: '漏计一次学法' },
  AppealDecided: { ...base, appealId: 'ap-1', decision: 'rejected', reason: '无佐证' },
} satisfies Record<EventType, unknown>

/**
 * What an allowed append of the sample gives: stored, except a hand-made ResultPublished, which only the
 * publish command may record (an admin's import of an export still carries publications, checked by verify).
 */
export const allowedOutcome = (type: EventType, way: 'append' | 'import'): 'stored' | 'Rejected' =>
  type === 'ResultPublished' && way === 'append' ? 'Rejected' : 'stored'

/** Who may append each type, as SPEC §3 "Authority" says (a retraction: who may append its target's type). */
export const mayAppend = (who: Who, type: EventType): boolean => {
  const role: Role = PRINCIPALS[who].role
  if (role === 'admin') return true
  if (role === 'auditor') return false
  const authority = type === 'EventRetracted' ? 'unit' : CATALOG[type].authority
  if (authority === 'review') return role === 'reviewer'
  if (authority === 'unit') return who === 'reporter'
  return false
}
