/**
 * @module The demo city: one deterministic year (2017) of 广元's 法治人社建设, modelled on seed 003, with the
 * fixtures of the domain notes (§5) and the cases that make rates honest (SPEC §4 "Case metrics"):
 * - 剑阁 wins 30 of 31 lawsuits (one of the 30 lost at first instance and won on appeal) with its chief at every
 *   hearing; 昭化 loses on appeal a suit it had won at first instance;
 * - 苍溪 is notified by the province for poor publicity (计"0"分); 利州 is notified in January 2018 about 2017
 *   (`countsOn`), which caps its grade from then on;
 * - 旺苍 issues its plan 10 days late, misses 1 of 10 hearings and loses 2 suits, and skips the third quarter's
 *   双随机 inspection; 经开区 makes all four in the last quarter;
 * - 利州 has no hearing at all and closes 1071 of its 1089 arbitration cases (29 carried over from 2016), 760
 *   of them mediated (seed 001: 98.35%, 71%);
 * - 朝天 has a 一票否决 incident; honours of 2015–2016 (seed 003) are on record with their own dates;
 * - the 考核组 reviews case files, verifies a sample of facts, returns one (re-recorded correctly) and scores
 *   the judged indicators in January 2018;
 * - then the assessment cycle (cycle.ts): every unit's 自查自评, the 初评公示 of both schemes, two appeals (one
 *   upheld with a point, one rejected) and the 最终结果 in February 2018, each publication sealed as the server
 *   seals it.
 * Pure: the same seed always gives the same lines.
 */

import type { StoredEvent } from '@kaoping/core'
import departments from '../schemes/departments-2017.json'
import districts from '../schemes/districts-2017.json'
import { ADMIN, REVIEWER } from './actors'
import { between } from './calendar'
import { assessmentCycle, withSelfAssessments } from './cycle'
import { type DistrictFacts, districtYear } from './district-year'
import { rng } from './prng'
import { type DemoEventLine, recorder } from './recorder'
import { sectionYear } from './section-year'
import { DISTRICTS, SECTIONS } from './units'

export type { DemoEventLine } from './recorder'

const reporterOf = (unitId: string) => {
  const u = [...DISTRICTS, ...SECTIONS].find((x) => x.unitId === unitId)!
  return `${u.name}填报员 (reporter@${unitId})`
}

/** Honours of earlier years (seed 003), entered with their own dates when the registry was set up. */
const EARLIER_HONOURS: ReadonlyArray<{
  readonly units: ReadonlyArray<string>
  readonly occurredOn: string
  readonly level: string
  readonly title: string
  readonly documentId: string
}> = [
  {
    units: ['cangxi', 'jiange', 'qingchuan'],
    occurredOn: '2015-11-20',
    level: 'provincial',
    title: '四川省依法行政示范单位',
    documentId: 'sc-fzb-2015-31',
  },
  {
    units: ['lizhou', 'zhaohua', 'chaotian', 'wangcang'],
    occurredOn: '2016-10-18',
    level: 'city',
    title: '广元市依法行政示范单位',
    documentId: 'gy-fzb-2016-22',
  },
  {
    units: ['jiange', 'lizhou', 'zhaohua', 'chaotian'],
    occurredOn: '2016-11-25',
    level: 'city',
    title: '广元市学法用法示范单位',
    documentId: 'gy-sfj-2016-40',
  },
  {
    units: ['cangxi'],
    occurredOn: '2016-11-25',
    level: 'city',
    title: '广元市“法律进机关”示范单位',
    documentId: 'gy-sfj-2016-41',
  },
]

/** The 考核组's overall judgement (J1 / K6-1) in January 2018: points and reason. */
const JUDGED: Readonly<Record<string, readonly [number, string]>> = {
  jiange: [7.5, '机构健全，台账规范，出庭应诉和以案说法成效突出'],
  lizhou: [7, '仲裁调解工作扎实，案件量大而结案及时'],
  qingchuan: [6.5, '工作较为扎实，学法记录曾重复录入，已更正'],
  cangxi: [5, '普法宣传不到位被省厅通报，整改及时'],
  zhaohua: [5.5, '工作基本到位，统计报表迟报'],
  chaotian: [4, '发生群体性上访事件，工作存在明显短板'],
  wangcang: [4.5, '实施方案迟发，负责人出庭应诉不到位'],
  jingkai: [3.5, '双随机抽查集中在年底，抽查结果公开情况填报不实'],
  'zhengce-fagui-ke': [9, '牵头组织全市法治人社建设，行政应诉工作规范'],
  'jiancha-zhidui': [8, '执法规范，案卷质量较好'],
  'zhongcai-yuan': [8, '案件量大，调解率高'],
  'gongshang-ke': [8.5, '认定及时，个别案件超期'],
  bangongshi: [7, '共性工作完成较好'],
  'renli-ke': [6, '年度报告迟报'],
}

export const generateDemoCity = (
  options: {
    readonly seed?: number
    /** `false`: the year's facts only, the assessment not yet run (so it can be walked through on the page). */
    readonly cycle?: boolean
  } = {}
): DemoEventLine[] => {
  const r = rng(options.seed ?? 2017)
  // Units are registered in late December 2016, before the year's first fact.
  const rec = recorder(r, '2016-12-28')
  for (const u of [...DISTRICTS, ...SECTIONS])
    rec.record('UnitRegistered', { unitId: u.unitId, name: u.name, kind: u.kind }, ADMIN)
  // Seed 003: the honours of 2015 and 2016, entered with the registry; they count in their own years.
  for (const h of EARLIER_HONOURS)
    for (const unitId of h.units)
      rec.record(
        'HonorAwarded',
        {
          unitId,
          occurredOn: h.occurredOn,
          honorId: `${unitId}-honor-${h.occurredOn.slice(0, 4)}-${h.documentId}`,
          level: h.level,
          title: h.title,
          documentId: h.documentId,
        },
        ADMIN,
        undefined,
        '2016-12-28'
      )
  // Seed 003 asked the 政策法规科 to draw up the year's 考核办法 after the 2017-03-23 meeting; both are published in April.
  rec.record(
    'SchemePublished',
    { schemeId: districts.schemeId, version: districts.version, scheme: districts },
    ADMIN,
    undefined,
    '2017-04-10'
  )
  rec.record(
    'SchemePublished',
    { schemeId: departments.schemeId, version: departments.version, scheme: departments },
    ADMIN,
    undefined,
    '2017-04-12'
  )

  const unit = (id: string) => [...DISTRICTS, ...SECTIONS].find((u) => u.unitId === id)!
  const facts = new Map<string, DistrictFacts>()
  facts.set(
    'jiange',
    districtYear(rec, r, unit('jiange'), {
      leadershipStudies: 6,
      planIssuedOn: '2017-04-20',
      lawsuits: { won: 30, lost: 1, wonOnAppeal: 1 },
    })
  )
  facts.set(
    'wangcang',
    districtYear(rec, r, unit('wangcang'), {
      planIssuedOn: '2017-05-10',
      lawsuits: { won: 8, lost: 2, leaderAbsentAt: 3 },
      inspectionQuarters: [1, 2, 4, 4],
    })
  )
  facts.set(
    'lizhou',
    districtYear(rec, r, unit('lizhou'), {
      noHearings: true,
      lawsuits: { won: 0, lost: 0, withdrawnUnheard: 2 },
      arbitration: { active: 1089, carried: 29, closed: 1071, mediatedShare: 0.71 },
    })
  )
  facts.set(
    'qingchuan',
    districtYear(rec, r, unit('qingchuan'), { lawsuits: { won: 5, lost: 0, wonOnAppeal: 1 } })
  )
  facts.set(
    'zhaohua',
    districtYear(rec, r, unit('zhaohua'), {
      lawsuits: { won: 4, lost: 1, lostOnAppeal: 1 },
      annualReportOn: '2018-01-10',
    })
  )
  facts.set(
    'jingkai',
    districtYear(rec, r, unit('jingkai'), { inspectionQuarters: [4, 4, 4, 4], misreportedInspection: 1 })
  )
  for (const id of ['cangxi', 'chaotian']) facts.set(id, districtYear(rec, r, unit(id)))
  const sectionReports = SECTIONS.map((s) => sectionYear(rec, r, s))

  // Seed 003: the province notified 苍溪 (and 旺苍 the year before) for poor policy publicity and ordered rectification.
  rec.record(
    'NotificationReceived',
    {
      unitId: 'cangxi',
      occurredOn: '2017-08-16',
      notificationId: 'sc-rst-2017-tb-07',
      issuer: 'province',
      reason: 'policy_publicity_inadequate',
      rectificationRequired: true,
      dueOn: '2017-09-30',
    },
    ADMIN
  )
  rec.record(
    'RectificationCompleted',
    { unitId: 'cangxi', occurredOn: '2017-09-26', notificationId: 'sc-rst-2017-tb-07' },
    reporterOf('cangxi')
  )
  rec.record(
    'NotificationReceived',
    {
      unitId: 'zhaohua',
      occurredOn: '2017-10-11',
      notificationId: 'gy-rsj-2017-tb-03',
      issuer: 'city',
      reason: 'late_statistics_report',
      rectificationRequired: false,
    },
    ADMIN
  )
  // A 通报 issued in January 2018 about 2017's case files: it counts in 2017 (countsOn), from the day it is recorded.
  rec.record(
    'NotificationReceived',
    {
      unitId: 'lizhou',
      occurredOn: '2018-01-12',
      countsOn: '2017-12-31',
      notificationId: 'sc-rst-2018-tb-02',
      issuer: 'province',
      reason: 'case_files_substandard',
      rectificationRequired: true,
      dueOn: '2018-03-31',
    },
    ADMIN
  )
  rec.record(
    'VetoIncidentRecorded',
    {
      unitId: 'chaotian',
      occurredOn: '2017-11-08',
      incidentId: 'chaotian-2017-veto-1',
      kind: 'mass_incident_or_petition',
      description: '农民工欠薪引发群体性上访，5人以上到省集访',
    },
    ADMIN
  )

  // 2017's honours (bonus block): seed 003 asked the others to earn theirs "今明两年内"; one document named twice.
  rec.record(
    'HonorAwarded',
    {
      unitId: 'lizhou',
      occurredOn: '2017-11-28',
      honorId: 'lizhou-honor-2017-1',
      level: 'provincial',
      title: '四川省依法行政示范单位',
      documentId: 'sc-fzb-2017-45',
    },
    ADMIN
  )
  for (const id of ['qingchuan', 'wangcang'])
    rec.record(
      'HonorAwarded',
      {
        unitId: id,
        occurredOn: '2017-12-06',
        honorId: `${id}-honor-2017-1`,
        level: 'city',
        title: '广元市学法用法示范单位',
        documentId: 'gy-sfj-2017-38',
      },
      ADMIN
    )
  rec.record(
    'HonorAwarded',
    {
      unitId: 'qingchuan',
      occurredOn: '2017-12-06',
      honorId: 'qingchuan-honor-2017-2',
      level: 'city',
      title: '广元市学法用法示范单位（重复登记）',
      documentId: 'gy-sfj-2017-38',
    },
    ADMIN
  )

  // A correction: 青川 recorded one leadership study twice; its reporter retracts the duplicate in December.
  const dup = rec.record(
    'TrainingHeld',
    {
      unitId: 'qingchuan',
      occurredOn: '2017-05-12',
      sessionId: 'qingchuan-study-dup',
      kind: 'leadership_study',
      topic: '党组中心组集体学法（重复录入）',
      attendees: 11,
    },
    reporterOf('qingchuan')
  )
  rec.record(
    'EventRetracted',
    { unitId: 'qingchuan', occurredOn: '2017-12-05', targetEventId: dup, reason: '与5月10日学法记录重复' },
    reporterOf('qingchuan'),
    dup
  )

  // The 考核组 checks a sample of each unit's facts against the files in January 2018, with the annual reports …
  for (const [unitId, f] of [...facts].sort(([a], [b]) => (a < b ? -1 : 1)))
    for (const target of f.verifiable)
      rec.record(
        'FactVerified',
        {
          unitId,
          occurredOn: between(r, '2018-01-22', '2018-01-26'),
          targetEventId: target,
          note: '已核对佐证材料',
        },
        REVIEWER,
        target
      )
  SECTIONS.forEach((s, i) => {
    for (const target of sectionReports[i]!)
      rec.record(
        'FactVerified',
        { unitId: s.unitId, occurredOn: '2018-01-23', targetEventId: target },
        REVIEWER,
        target
      )
  })
  // … and returns one: 经开区 reported its second inspection's results as published, the website shows nothing.
  // The unit records the inspection again, truthfully (the returned fact no longer holds its business id).
  const claimed = facts.get('jingkai')!.inspections[1]!
  const returned = rec.record(
    'FactReturned',
    {
      unitId: 'jingkai',
      occurredOn: '2017-12-22',
      targetEventId: claimed.id,
      reason: '门户网站未见该次抽查结果公开，与填报“已公开”不符，请据实更正',
    },
    REVIEWER,
    claimed.id
  )
  const corrected = rec.record(
    'InspectionConducted',
    { ...claimed.data, resultsPublished: false },
    reporterOf('jingkai'),
    returned,
    '2017-12-26'
  )
  rec.record(
    'FactVerified',
    { unitId: 'jingkai', occurredOn: '2017-12-28', targetEventId: corrected, note: '已据实更正' },
    REVIEWER,
    corrected
  )

  // A manual adjustment with its approval trail: at the year-end assessment the 局务会 takes a point from 昭化 for
  // its late statistics report (通报 of October), on the reporting indicator (A7: 年度报告和统计报表按时报送),
  // where an adjustment is bounded by the indicator's 2 points. Decided in January, it counts in 2017.
  rec.record(
    'PointsAdjusted',
    {
      unitId: 'zhaohua',
      occurredOn: '2018-01-26',
      countsOn: '2017-12-31',
      schemeId: districts.schemeId,
      indicatorId: 'A7',
      points: -1,
      reason: '统计报表迟报（市局通报 gy-rsj-2017-tb-03），经局务会研究扣1分',
      approvedBy: '市人社局局务会',
    },
    ADMIN
  )

  // The 考核组 scores the judged indicators in January 2018, and revises 旺苍's after hearing it out.
  for (const u of [...DISTRICTS, ...SECTIONS]) {
    const [points, reason] = JUDGED[u.unitId]!
    const scheme = u.kind === 'district' ? districts : departments
    rec.record(
      'IndicatorJudged',
      {
        unitId: u.unitId,
        occurredOn: '2018-01-25',
        schemeId: scheme.schemeId,
        indicatorId: u.kind === 'district' ? 'J1' : 'K6-1',
        points,
        reason,
      },
      REVIEWER
    )
  }
  rec.record(
    'IndicatorJudged',
    {
      unitId: 'wangcang',
      occurredOn: '2018-01-29',
      schemeId: districts.schemeId,
      indicatorId: 'J1',
      points: 5,
      reason: '复核：第三季度抽查已于第四季度补做，酌情加0.5分',
    },
    REVIEWER
  )

  if (options.cycle === false) return rec.lines()
  // The assessment cycle (SPEC §8): 自查自评 at the end of January, 初评公示, 申诉 and 复核, 最终结果 in February.
  const decoded = new Map<string, StoredEvent>()
  return assessmentCycle(r, withSelfAssessments(r, rec.lines(), decoded), decoded)
}
