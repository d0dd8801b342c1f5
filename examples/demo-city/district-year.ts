/** @module One district bureau's 2017, scaled by its diligence; fixtures override the parts the seeds fix. */
import { REVIEWER } from './actors'
import { addDays, between, inQuarter, YEAR_END, YEAR_START } from './calendar'
import { type CasePlan, recordCase } from './cases'
import type { Rng } from './prng'
import type { Recorder } from './recorder'
import { reporter } from './reporter'
import type { DemoUnit } from './units'

/** The parts of a year the fixtures pin down (domain notes §5, seeds 001 and 003). */
export interface DistrictOverrides {
  readonly planIssuedOn?: string
  readonly annualReportOn?: string
  readonly leadershipStudies?: number
  /**
   * Administrative lawsuits by final outcome, and the leader's presence per first-instance hearing.
   * `wonOnAppeal` of the won were lost at first instance; `lostOnAppeal` of the lost were won at first instance.
   */
  readonly lawsuits?: {
    readonly won: number
    readonly lost: number
    readonly leaderAbsentAt?: number
    readonly wonOnAppeal?: number
    readonly lostOnAppeal?: number
    /** Lawsuits that ended without any hearing (withdrawn by the plaintiff before trial). */
    readonly withdrawnUnheard?: number
  }
  readonly noHearings?: boolean
  /**
   * Arbitration cases active in 2017 (`carried` of them opened in December 2016 and closed in January 2017),
   * how many were closed in 2017, and the share of closures that were mediated.
   */
  readonly arbitration?: {
    readonly active: number
    readonly carried: number
    readonly closed: number
    readonly mediatedShare: number
  }
  /** The quarters (1–4) of each 双随机 inspection: `[4, 4, 4, 4]` is four inspections in the last quarter. */
  readonly inspectionQuarters?: ReadonlyArray<number>
  /** An inspection (by index) the unit reports as published although it was not (the 考核组 returns it). */
  readonly misreportedInspection?: number
}

/** What the 考核组 may later verify or return, by kind. */
export interface DistrictFacts {
  readonly verifiable: ReadonlyArray<string>
  readonly inspections: ReadonlyArray<{ readonly id: string; readonly data: Record<string, unknown> }>
}

const LOST = 'lost'

export const districtYear = (
  rec: Recorder,
  r: Rng,
  u: DemoUnit,
  o: DistrictOverrides = {}
): DistrictFacts => {
  const d = u.diligence
  const rep = reporter(rec, r, u)
  const { actor, at, id } = rep
  const verifiable: string[] = []

  // 组织保障: staffing report in January, plans by their deadlines (late ones for the less diligent).
  verifiable.push(
    at(
      'StaffingReported',
      { legalSectionEstablished: d >= 0.55, fullTimeLegalStaff: d >= 0.55 ? r.int(1, 2) : 0 },
      between(r, '2017-01-05', '2017-01-25')
    )
  )
  const late = (due: string) =>
    r.chance(d) ? between(r, addDays(due, -25), due) : between(r, addDays(due, 1), addDays(due, 20))
  verifiable.push(
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
  // 规范性文件: reviewed for legality before issue; the less diligent issue one without review.
  const normative = r.int(1, 3)
  for (let i = 0; i < normative; i++)
    at(
      'DocumentIssued',
      { documentId: id('doc'), docType: 'normative_doc', title: '关于进一步规范人社行政执法程序的通知' },
      between(r, '2017-03-01', '2017-11-30')
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
  verifiable.push(
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
  verifiable.push(
    activity(
      'contest',
      '人社法律法规政策知识竞赛网络答题',
      r.int(300, 1200),
      r.chance(d) ? between(r, '2017-06-20', '2017-07-31') : between(r, '2017-08-01', '2017-08-20')
    )
  )

  // 双随机一公开, meant quarterly (seed 003: 每季度末报告); a skipped quarter is made up in the last one,
  // which keeps the year's count but not the quarter.
  const quarters =
    o.inspectionQuarters ??
    [1, 2, 3, 4].map((q) => (q === 4 || r.chance(0.55 + d * 0.45) ? q : 4)).sort((a, b) => a - b)
  const inspections = quarters.map((q, i) => {
    const data = {
      unitId: u.unitId,
      occurredOn: inQuarter(r, q),
      inspectionId: id('insp'),
      method: 'double_random',
      subjects: r.int(5, 20),
      resultsPublished: r.chance(0.7 + d * 0.3) || i === o.misreportedInspection,
    }
    return { id: rec.record('InspectionConducted', data, actor), data }
  })
  // 案卷评查 by the 考核组 in November.
  rec.record(
    'CaseFileReviewScored',
    {
      unitId: u.unitId,
      occurredOn: between(r, '2017-11-01', '2017-11-30'),
      reviewId: id('review'),
      score: Math.round(60 + d * 30 + r.int(0, 8)),
      files: r.int(10, 30),
    },
    REVIEWER
  )

  // 行政诉讼: one case per lawsuit, whatever its instances.
  const lawsuits = o.lawsuits ?? {
    won: r.int(2, 8),
    lost: d < 0.65 ? r.int(1, 2) : r.chance(0.3) ? 1 : 0,
  }
  const finals = [...Array<string>(lawsuits.won).fill('won'), ...Array<string>(lawsuits.lost).fill(LOST)]
  let wonOnAppeal = lawsuits.wonOnAppeal ?? 0
  let lostOnAppeal = lawsuits.lostOnAppeal ?? 0
  finals.forEach((outcome, i) => {
    const appealed =
      outcome === 'won' && wonOnAppeal > 0
        ? wonOnAppeal--
        : outcome === LOST && lostOnAppeal > 0
          ? lostOnAppeal--
          : 0
    const leader = () =>
      o.lawsuits?.leaderAbsentAt === i ? false : o.lawsuits ? true : r.chance(0.75 + d * 0.25)
    const plan: CasePlan = {
      kind: 'administrative_litigation',
      opened: between(r, YEAR_START, appealed ? '2017-05-31' : '2017-09-30'),
      defenseOnTime: r.chance(0.9 + d * 0.1),
      hearings: o.noHearings ? [] : [leader()],
      outcome: appealed ? (outcome === 'won' ? LOST : 'won') : outcome,
      ...(appealed ? { appeal: { outcome, leaderAppeared: o.lawsuits ? true : leader() } } : {}),
      closed: { withinTimeLimit: true },
      performed: outcome === LOST,
      subject: r.pick(['工伤认定', '社会保险登记', '劳动保障监察处理决定', '信息公开']),
    }
    recordCase(rec, r, u.unitId, id('al'), plan, actor)
  })
  for (let i = 0; i < (lawsuits.withdrawnUnheard ?? 0); i++)
    recordCase(
      rec,
      r,
      u.unitId,
      id('al'),
      {
        kind: 'administrative_litigation',
        opened: between(r, YEAR_START, '2017-09-30'),
        defenseOnTime: true,
        outcome: 'withdrawn',
        closed: { withinTimeLimit: true, resolution: 'withdrawn' },
        subject: '工伤认定',
      },
      actor
    )
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

  // Cases carried over from 2016: opened in December, entered when the system went live, closed in January.
  const carried = (kind: string, prefix: string, extra: Partial<CasePlan> = {}) =>
    recordCase(
      rec,
      r,
      u.unitId,
      id(prefix, 2016),
      {
        kind,
        opened: between(r, '2016-12-01', '2016-12-27'),
        enteredOn: between(r, '2017-01-03', '2017-01-06'),
        closed: { withinTimeLimit: r.chance(0.9), on: between(r, '2017-01-09', '2017-01-26') },
        ...extra,
      },
      actor
    )

  // 劳动保障监察
  for (let i = 0, n = r.int(1, 4); i < n; i++) carried('labor_inspection', 'li')
  const inspectionCases = r.int(15, 60)
  for (let i = 0; i < inspectionCases; i++) {
    const closed = r.chance(0.8 + d * 0.2)
    recordCase(
      rec,
      r,
      u.unitId,
      id('li'),
      {
        kind: 'labor_inspection',
        opened: closed ? between(r, YEAR_START, '2017-11-30') : between(r, '2017-10-16', '2017-12-20'),
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

  // 劳动人事争议仲裁: the year's active cases, some carried over; the open ones at the year's end were filed
  // in November and December, and (except 利州's 18, seed 001) half of them close in January 2018.
  const arb = o.arbitration ?? {
    active: r.int(40, 120),
    carried: r.int(2, 8),
    closed: 0,
    mediatedShare: 0.5 + d * 0.2,
  }
  const arbClosed = o.arbitration ? arb.closed : Math.round(arb.active * (0.88 + d * 0.1))
  const mediated = Math.round(arbClosed * arb.mediatedShare)
  for (let i = 0; i < arb.active; i++) {
    const resolution = i < mediated ? 'mediated' : r.pick(['awarded', 'withdrawn'])
    if (i < arb.carried) {
      carried('labor_arbitration', 'la', {
        closed: {
          withinTimeLimit: r.chance(0.97),
          resolution,
          amountRecoveredYuan: r.int(3000, 60000),
          on: between(r, '2017-01-09', '2017-01-26'),
        },
      })
      continue
    }
    const closed = i < arbClosed
    const nextYear = !closed && !o.arbitration && r.chance(0.5)
    recordCase(
      rec,
      r,
      u.unitId,
      id('la'),
      {
        kind: 'labor_arbitration',
        opened: closed ? between(r, YEAR_START, '2017-11-20') : between(r, '2017-11-15', YEAR_END),
        ...(closed || nextYear
          ? {
              closed: {
                withinTimeLimit: r.chance(0.97),
                resolution,
                amountRecoveredYuan: r.int(3000, 60000),
                ...(nextYear ? { on: between(r, '2018-01-08', '2018-01-26') } : {}),
              },
            }
          : {}),
      },
      actor
    )
  }

  // 工伤认定
  for (let i = 0, n = r.int(1, 3); i < n; i++)
    carried('work_injury_recognition', 'wi', { outcome: 'recognized' })
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

  // The 2017 annual report: the diligent send it in late December or early January, the others late.
  verifiable.push(
    rep.annualReport(
      `${u.name}人力资源和社会保障局2017年度法治政府建设情况报告`,
      o.annualReportOn ??
        (r.chance(d) ? between(r, '2017-12-20', '2018-01-15') : between(r, '2018-01-16', '2018-01-26'))
    )
  )
  return { verifiable, inspections }
}
