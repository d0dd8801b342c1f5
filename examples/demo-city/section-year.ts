/** @module One city section's 2017: the common (共性) work of every section plus its own line of business (个性). */
import { between, YEAR_END, YEAR_START } from './calendar'
import { recordCase } from './cases'
import type { Rng } from './prng'
import type { Recorder } from './recorder'
import { reporter } from './reporter'
import type { DemoUnit } from './units'

export const sectionYear = (rec: Recorder, r: Rng, u: DemoUnit): void => {
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
  at(
    'DocumentIssued',
    { documentId: id('doc'), docType: 'annual_report', title: '2017年度法治建设工作报告' },
    r.chance(d) ? between(r, '2017-12-01', '2017-12-15') : between(r, '2017-12-16', '2017-12-22')
  )

  // 个性: each line of business records its own cases and reviews.
  const cases = (
    kind: string,
    count: number,
    prefix: string,
    closedShare: number,
    extra: { outcome?: string; resolution?: () => string } = {}
  ) => {
    for (let i = 0; i < count; i++) {
      const closed = r.chance(closedShare)
        ? {
            closed: {
              withinTimeLimit: r.chance(0.9 + d * 0.1),
              ...(extra.resolution ? { resolution: extra.resolution() } : {}),
            },
          }
        : {}
      recordCase(
        rec,
        r,
        u.unitId,
        id(prefix),
        {
          kind,
          opened: between(r, YEAR_START, '2017-11-20'),
          ...closed,
          ...(extra.outcome ? { outcome: extra.outcome } : {}),
        },
        actor
      )
    }
  }
  switch (u.unitId) {
    case 'jiancha-zhidui':
      at('CaseFileReviewScored', { reviewId: id('review'), score: r.int(84, 93), files: 24 }, '2017-11-20')
      cases('labor_inspection', 101, 'li', 0.93)
      break
    case 'zhongcai-yuan':
      cases('labor_arbitration', 180, 'la', 0.97, {
        resolution: () => (r.chance(0.66) ? 'mediated' : 'awarded'),
      })
      break
    case 'gongshang-ke':
      cases('work_injury_recognition', 60, 'wi', 1, { outcome: 'recognized' })
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
      for (let i = 0; i < 6; i++)
        recordCase(
          rec,
          r,
          u.unitId,
          id('al'),
          {
            kind: 'administrative_litigation',
            opened: between(r, '2017-02-01', '2017-09-30'),
            defenseOnTime: true,
            hearings: [r.chance(0.9)],
            outcome: i === 0 ? 'lost' : 'won',
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
}
