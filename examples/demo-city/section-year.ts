/** @module One city section's 2017: the common (共性) work of every section plus its own line of business (个性). */
import { REVIEWER } from './actors'
import { between, YEAR_END, YEAR_START } from './calendar'
import { recordCase } from './cases'
import type { Rng } from './prng'
import type { Recorder } from './recorder'
import { reporter } from './reporter'
import type { DemoUnit } from './units'

/** When each section sent its 2017 annual report (due 2018-01-15); the others send it in early January. */
const ANNUAL_REPORT: Readonly<Record<string, string>> = {
  bangongshi: '2017-12-28',
  'renli-ke': '2018-01-19',
}

/** Normative documents each section drafted in 2017, all reviewed for legality by the 政策法规科. */
const NORMATIVE: Readonly<Record<string, number>> = {
  'gongshang-ke': 1,
  'renli-ke': 2,
  'jiancha-zhidui': 1,
}

/**
 * A line of business's cases, pinned: `carried` opened in December 2016 and closed in January 2017; `closed`
 * opened and closed in 2017, the first `late` of them after the statutory limit; `open` filed in November or
 * December and still open at the year's end, the first `nextYear` of them closed in January 2018.
 */
interface Caseload {
  readonly kind: string
  readonly prefix: string
  readonly carried: number
  readonly closed: number
  readonly late: number
  readonly open: number
  readonly nextYear: number
  readonly outcome?: string
  readonly resolution?: () => string
}

export const sectionYear = (rec: Recorder, r: Rng, u: DemoUnit): ReadonlyArray<string> => {
  const d = u.diligence
  const rep = reporter(rec, r, u)
  const { actor, at, id } = rep

  // 共性: study, exam, publicity, representations, the annual report.
  for (let i = 0; i < Math.round(3 + d * 4); i++)
    at(
      'TrainingHeld',
      {
        sessionId: id('study'),
        kind: r.pick(['daily_study', 'lecture']),
        topic: '科室集体学法',
        attendees: r.int(5, 15),
      },
      between(r, YEAR_START, YEAR_END)
    )
  if (r.chance(0.5 + d / 2)) {
    const n = r.int(5, 15)
    at(
      'TrainingHeld',
      {
        sessionId: id('exam'),
        kind: 'law_exam',
        topic: '年度学法用法考试',
        attendees: n,
        passed: n - (r.chance(d) ? 0 : 1),
      },
      between(r, '2017-09-01', '2017-11-15')
    )
  }
  for (let i = 0; i < Math.round(1 + d * 3); i++)
    at(
      'PublicityHeld',
      {
        activityId: id('pub'),
        kind: r.pick(['lecture', 'campaign', 'new_media', 'case_explanation']),
        topic: '谁执法谁普法',
        reach: r.int(50, 600),
      },
      between(r, YEAR_START, YEAR_END)
    )
  rep.representations(r.int(0, 3), 0.85 + d * 0.15)
  for (let i = 0; i < (NORMATIVE[u.unitId] ?? 0); i++)
    at(
      'DocumentIssued',
      { documentId: id('doc'), docType: 'normative_doc', title: `${u.name}业务规范性文件` },
      between(r, '2017-03-01', '2017-11-30')
    )
  const report = rep.annualReport(
    `${u.name}2017年度法治建设工作报告`,
    ANNUAL_REPORT[u.unitId] ?? between(r, '2018-01-03', '2018-01-15')
  )

  // 个性: each line of business records its own cases; the 考核组 reviews case files.
  const caseload = (c: Caseload) => {
    const closing = (late: boolean) => ({
      withinTimeLimit: !late,
      ...(c.resolution ? { resolution: c.resolution() } : {}),
    })
    for (let i = 0; i < c.carried; i++)
      recordCase(
        rec,
        r,
        u.unitId,
        id(c.prefix, 2016),
        {
          kind: c.kind,
          opened: between(r, '2016-12-01', '2016-12-27'),
          enteredOn: between(r, '2017-01-03', '2017-01-06'),
          ...(c.outcome ? { outcome: c.outcome } : {}),
          closed: { ...closing(false), on: between(r, '2017-01-09', '2017-01-26') },
        },
        actor
      )
    for (let i = 0; i < c.closed; i++)
      recordCase(
        rec,
        r,
        u.unitId,
        id(c.prefix),
        {
          kind: c.kind,
          opened: between(r, YEAR_START, '2017-11-20'),
          ...(c.outcome ? { outcome: c.outcome } : {}),
          closed: closing(i < c.late),
        },
        actor
      )
    for (let i = 0; i < c.open; i++)
      recordCase(
        rec,
        r,
        u.unitId,
        id(c.prefix),
        {
          kind: c.kind,
          opened: between(r, '2017-11-15', YEAR_END),
          ...(i < c.nextYear
            ? {
                ...(c.outcome ? { outcome: c.outcome } : {}),
                closed: { ...closing(false), on: between(r, '2018-01-08', '2018-01-26') },
              }
            : {}),
        },
        actor
      )
  }
  const review = (score: number, files: number, on: string) =>
    rec.record(
      'CaseFileReviewScored',
      { unitId: u.unitId, occurredOn: on, reviewId: id('review'), score, files },
      REVIEWER
    )
  switch (u.unitId) {
    case 'jiancha-zhidui':
      // Seed 001: 监察立案 101 件.
      review(r.int(84, 93), 24, '2017-11-20')
      caseload({
        kind: 'labor_inspection',
        prefix: 'li',
        carried: 3,
        closed: 94,
        late: 2,
        open: 7,
        nextYear: 4,
        resolution: () => r.pick(['rectified', 'penalized']),
      })
      break
    case 'zhongcai-yuan':
      // 180 cases in the year, 171 closed in it: exactly 95%; 3 of the 171 after the 45 + 15 days.
      caseload({
        kind: 'labor_arbitration',
        prefix: 'la',
        carried: 6,
        closed: 165,
        late: 3,
        open: 9,
        nextYear: 5,
        resolution: () => (r.chance(0.66) ? 'mediated' : 'awarded'),
      })
      break
    case 'gongshang-ke':
      // 60 recognitions decided in 2017, one of them late; one application still open at the year's end.
      review(r.int(86, 92), 20, '2017-11-24')
      caseload({
        kind: 'work_injury_recognition',
        prefix: 'wi',
        carried: 2,
        closed: 58,
        late: 1,
        open: 1,
        nextYear: 0,
        outcome: 'recognized',
      })
      break
    case 'zhengce-fagui-ke':
      // Seed 003: 青川县兴平大酒店有限责任公司 v. 市人社局, heard on 2017-03-22 with the city bureau's leader in court.
      recordCase(
        rec,
        r,
        u.unitId,
        id('al'),
        {
          kind: 'administrative_litigation',
          opened: '2017-01-16',
          subject: '青川县兴平大酒店有限责任公司诉市人社局行政确认案',
          defenseOnTime: true,
          hearings: [true],
          outcome: 'won',
          closed: { withinTimeLimit: true },
        },
        actor
      )
      // Six more: one lost (and performed), one lost at first instance and won on appeal: 6 of 7 not lost.
      for (let i = 0; i < 6; i++)
        recordCase(
          rec,
          r,
          u.unitId,
          id('al'),
          {
            kind: 'administrative_litigation',
            opened: between(r, '2017-02-01', i === 1 ? '2017-05-31' : '2017-09-30'),
            defenseOnTime: true,
            // The bureau's leader was in court at every first hearing but one (the fifth suit's).
            hearings: [i !== 4],
            outcome: i <= 1 ? 'lost' : 'won',
            ...(i === 1 ? { appeal: { outcome: 'won', leaderAppeared: true } } : {}),
            closed: { withinTimeLimit: true },
            performed: i === 0,
          },
          actor
        )
      for (let i = 0; i < 5; i++)
        recordCase(
          rec,
          r,
          u.unitId,
          id('ar'),
          {
            kind: 'administrative_reconsideration',
            opened: between(r, YEAR_START, '2017-10-31'),
            outcome: 'upheld',
            closed: { withinTimeLimit: true },
          },
          actor
        )
      break
    default:
      break
  }
  return [report]
}
