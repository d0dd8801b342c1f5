/** @module One district bureau's 2017, scaled by its diligence; fixtures override the parts the seeds fix. */
import { addDays, between, inQuarter, YEAR_END, YEAR_START } from './calendar'
import { type CasePlan, recordCase } from './cases'
import type { Rng } from './prng'
import type { Recorder } from './recorder'
import { reporter } from './reporter'
import type { DemoUnit } from './units'

/** The parts of a year the fixtures pin down (domain notes §5). */
export interface DistrictOverrides {
  readonly planIssuedOn?: string
  readonly leadershipStudies?: number
  /** Administrative lawsuits: how many won and lost at first instance, and the leader's presence per hearing. */
  readonly lawsuits?: { readonly won: number; readonly lost: number; readonly leaderAbsentAt?: number }
  readonly noHearings?: boolean
  readonly arbitration?: { readonly opened: number; readonly closed: number; readonly mediatedShare: number }
}

export const districtYear = (rec: Recorder, r: Rng, u: DemoUnit, o: DistrictOverrides = {}): void => {
  const d = u.diligence
  const rep = reporter(rec, r, u)
  const { actor, at, id } = rep

  // 组织保障: staffing report in January, plans by their deadlines (late ones for the less diligent).
  at(
    'StaffingReported',
    { legalSectionEstablished: d >= 0.55, fullTimeLegalStaff: d >= 0.55 ? r.int(1, 2) : 0 },
    between(r, '2017-01-05', '2017-01-25')
  )
  const late = (due: string) =>
    r.chance(d) ? between(r, addDays(due, -25), due) : between(r, addDays(due, 1), addDays(due, 20))
  at(
    'DocumentIssued',
    {
      documentId: id('doc'),
      docType: 'rule_of_law_plan',
      title: '法治人社建设实施工作方案（2016—2020年）',
      docNumber: `${u.name}人社发〔2017〕${r.int(10, 40)}号`,
    },
    o.planIssuedOn ?? late('2017-04-30')
  )
  at(
    'DocumentIssued',
    {
      documentId: id('doc'),
      docType: 'publicity_plan',
      title: '人力资源社会保障系统法治宣传教育第七个五年规划',
    },
    late('2017-04-30')
  )
  at(
    'DocumentIssued',
    {
      documentId: id('doc'),
      docType: 'theme_year_plan',
      title: '人力资源和社会保障政策主题宣传年活动实施方案',
    },
    late('2017-05-31')
  )
  if (d < 0.65)
    at(
      'DocumentIssued',
      { documentId: id('doc'), docType: 'normative_doc_unreviewed', title: '关于规范就业补贴发放的通知' },
      between(r, '2017-06-01', '2017-09-30')
    )

  // 学法用法
  const studies = o.leadershipStudies ?? Math.round(2 + d * 4 + r.int(-1, 1))
  for (let i = 0; i < studies; i++)
    at(
      'TrainingHeld',
      {
        sessionId: id('study'),
        kind: 'leadership_study',
        topic: '党组中心组集体学法',
        attendees: r.int(8, 15),
        hours: 2,
      },
      between(r, YEAR_START, YEAR_END)
    )
  for (let i = 0; i < Math.round(1 + d * 2); i++)
    at(
      'TrainingHeld',
      {
        sessionId: id('train'),
        kind: 'enforcement_training',
        topic: '劳动保障监察执法培训',
        attendees: r.int(20, 45),
        hours: 6,
      },
      between(r, '2017-03-01', '2017-11-30')
    )
  const examinees = r.int(30, 60)
  const passRate = Math.min(1, 0.8 + d * 0.2 + r.int(0, 3) / 100)
  at(
    'TrainingHeld',
    {
      sessionId: id('exam'),
      kind: 'law_exam',
      topic: '年度学法用法考试',
      attendees: examinees,
      passed: Math.floor(examinees * passRate),
    },
    between(r, '2017-09-01', '2017-11-15')
  )
  if (r.chance(d))
    at(
      'TrainingHeld',
      {
        sessionId: id('court'),
        kind: 'court_observation',
        topic: '旁听行政诉讼案件庭审',
        attendees: r.int(6, 20),
      },
      '2017-03-22'
    )
  for (let i = 0; i < 6; i++)
    at(
      'TrainingHeld',
      { sessionId: id('daily'), kind: 'daily_study', topic: '日常学法', attendees: r.int(20, 40) },
      between(r, YEAR_START, YEAR_END)
    )

  // 普法宣传
  const activity = (kind: string, topic: string, reach: number, on: string) =>
    at('PublicityHeld', { activityId: id('pub'), kind, topic, reach }, on)
  for (let i = 0; i < Math.round(2 + d * 4); i++)
    activity(
      r.pick(['lecture', 'campaign', 'site_visit']),
      '人社法律法规政策进村社宣传',
      r.int(100, 900),
      between(r, YEAR_START, YEAR_END)
    )
  for (let i = 0; i < Math.round(d * 3); i++)
    activity(
      'case_explanation',
      '以案释法：工伤认定典型案例',
      r.int(50, 300),
      between(r, YEAR_START, YEAR_END)
    )
  for (let i = 0; i < Math.round(1 + d * 5); i++)
    activity('new_media', '微信公众号普法推送', r.int(200, 1500), between(r, YEAR_START, YEAR_END))
  activity(
    'contest',
    '人社法律法规政策知识竞赛网络答题',
    r.int(300, 1200),
    r.chance(d) ? between(r, '2017-06-20', '2017-07-31') : between(r, '2017-08-01', '2017-08-20')
  )

  // 双随机一公开 quarterly; case-file review in November.
  for (let q = 1; q <= 4; q++)
    if (q < 4 || r.chance(d))
      at(
        'InspectionConducted',
        {
          inspectionId: id('insp'),
          method: 'double_random',
          subjects: r.int(5, 20),
          resultsPublished: r.chance(0.7 + d * 0.3),
        },
        inQuarter(r, q)
      )
  at(
    'CaseFileReviewScored',
    { reviewId: id('review'), score: Math.round(60 + d * 30 + r.int(0, 8)), files: r.int(10, 30) },
    between(r, '2017-11-01', '2017-11-30')
  )

  // Cases.
  const lawsuits = o.lawsuits ?? { won: r.int(2, 8), lost: d < 0.65 ? r.int(1, 2) : r.chance(0.3) ? 1 : 0 }
  const outcomes = [...Array<string>(lawsuits.won).fill('won'), ...Array<string>(lawsuits.lost).fill('lost')]
  outcomes.forEach((outcome, i) => {
    const plan: CasePlan = {
      kind: 'administrative_litigation',
      opened: between(r, YEAR_START, '2017-09-30'),
      defenseOnTime: r.chance(0.9 + d * 0.1),
      hearings: o.noHearings
        ? []
        : [o.lawsuits?.leaderAbsentAt === i ? false : o.lawsuits ? true : r.chance(0.75 + d * 0.25)],
      outcome,
      closed: { withinTimeLimit: true },
      performed: outcome === 'lost',
      subject: r.pick(['工伤认定', '社会保险登记', '劳动保障监察处理决定', '信息公开']),
    }
    recordCase(rec, r, u.unitId, id('al'), plan, actor)
  })
  // Counts are drawn once (a `for` condition is re-evaluated on every pass).
  const reconsiderations = r.int(1, 4)
  for (let i = 0; i < reconsiderations; i++)
    recordCase(
      rec,
      r,
      u.unitId,
      id('ar'),
      {
        kind: 'administrative_reconsideration',
        opened: between(r, YEAR_START, '2017-10-31'),
        outcome: r.chance(0.15 * (1 - d) * 4) ? 'revoked' : 'upheld',
        closed: { withinTimeLimit: true },
      },
      actor
    )
  const inspections = r.int(15, 60)
  for (let i = 0; i < inspections; i++) {
    const closed = r.chance(0.8 + d * 0.2)
    recordCase(
      rec,
      r,
      u.unitId,
      id('li'),
      {
        kind: 'labor_inspection',
        opened: between(r, YEAR_START, '2017-11-30'),
        ...(closed
          ? {
              closed: {
                withinTimeLimit: r.chance(0.85 + d * 0.15),
                resolution: r.pick(['rectified', 'penalized']),
                amountRecoveredYuan: r.int(2000, 80000),
              },
            }
          : {}),
      },
      actor
    )
  }
  const arb = o.arbitration ?? { opened: r.int(40, 120), closed: 0, mediatedShare: 0.5 + d * 0.2 }
  const arbClosed = o.arbitration ? arb.closed : Math.round(arb.opened * (0.88 + d * 0.1))
  const mediated = Math.round(arbClosed * arb.mediatedShare)
  for (let i = 0; i < arb.opened; i++) {
    const closed = i < arbClosed
    recordCase(
      rec,
      r,
      u.unitId,
      id('la'),
      {
        kind: 'labor_arbitration',
        opened: between(r, YEAR_START, closed ? '2017-11-20' : '2017-12-28'),
        ...(closed
          ? {
              closed: {
                withinTimeLimit: r.chance(0.97),
                resolution: i < mediated ? 'mediated' : r.pick(['awarded', 'withdrawn']),
                amountRecoveredYuan: r.int(3000, 60000),
              },
            }
          : {}),
      },
      actor
    )
  }
  const injuries = r.int(10, 40)
  for (let i = 0; i < injuries; i++)
    recordCase(
      rec,
      r,
      u.unitId,
      id('wi'),
      {
        kind: 'work_injury_recognition',
        opened: between(r, YEAR_START, '2017-11-15'),
        outcome: r.chance(0.9) ? 'recognized' : 'not_recognized',
        closed: { withinTimeLimit: r.chance(0.95 + d * 0.05) },
      },
      actor
    )

  // 人大建议、政协提案, handled mid-year.
  rep.representations(r.int(3, 12), 0.9 + d * 0.1)
}
