/**
 * @module The demo city: one deterministic year (2017) of 广元's 法治人社建设, modelled on seed 003, with the
 * fixtures of the domain notes (§5): 剑阁 wins 30 of 31 lawsuits with its chief at every hearing; 苍溪 is
 * notified by the province for poor publicity (计"0"分); 旺苍 issues its plan 10 days late, misses 1 of 10
 * hearings and loses 2 suits; 利州 has no hearing at all and closes 1071 of 1089 arbitration cases; 朝天 has a
 * 一票否决 incident. Pure: the same seed always gives the same lines.
 */

import departments from '../schemes/departments-2017.json'
import districts from '../schemes/districts-2017.json'
import { between } from './calendar'
import { districtYear } from './district-year'
import { rng } from './prng'
import { type DemoEventLine, recorder } from './recorder'
import { sectionYear } from './section-year'
import { DISTRICTS, SECTIONS } from './units'

export type { DemoEventLine } from './recorder'

const ADMIN = '市人社局法规科 (admin)'

export const generateDemoCity = (options: { readonly seed?: number } = {}): DemoEventLine[] => {
  const r = rng(options.seed ?? 2017)
  // Units are registered in late December 2016, before the year's first fact.
  const rec = recorder(r, '2016-12-28')
  for (const u of [...DISTRICTS, ...SECTIONS])
    rec.record('UnitRegistered', { unitId: u.unitId, name: u.name, kind: u.kind }, ADMIN)
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
  districtYear(rec, r, unit('jiange'), {
    leadershipStudies: 6,
    planIssuedOn: '2017-04-20',
    lawsuits: { won: 30, lost: 1 },
  })
  districtYear(rec, r, unit('wangcang'), {
    planIssuedOn: '2017-05-10',
    lawsuits: { won: 8, lost: 2, leaderAbsentAt: 3 },
  })
  districtYear(rec, r, unit('lizhou'), {
    noHearings: true,
    lawsuits: { won: 0, lost: 0 },
    arbitration: { opened: 1089, closed: 1071, mediatedShare: 0.71 },
  })
  for (const id of ['cangxi', 'qingchuan', 'zhaohua', 'chaotian', 'jingkai']) districtYear(rec, r, unit(id))
  for (const s of SECTIONS) sectionYear(rec, r, s)

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
    '苍溪县填报员 (reporter@cangxi)'
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

  // Honours (bonus block): 剑阁 and 青川 provincial, several city-level titles; one document named twice.
  rec.record(
    'HonorAwarded',
    {
      unitId: 'jiange',
      occurredOn: '2017-06-15',
      honorId: 'jiange-honor-1',
      level: 'provincial',
      title: '四川省依法行政示范单位',
      documentId: 'sc-fzb-2017-12',
    },
    ADMIN
  )
  rec.record(
    'HonorAwarded',
    {
      unitId: 'qingchuan',
      occurredOn: '2017-06-15',
      honorId: 'qingchuan-honor-1',
      level: 'provincial',
      title: '四川省依法行政示范单位',
      documentId: 'sc-fzb-2017-12',
    },
    ADMIN
  )
  for (const id of ['lizhou', 'zhaohua', 'chaotian'])
    rec.record(
      'HonorAwarded',
      {
        unitId: id,
        occurredOn: '2017-09-20',
        honorId: `${id}-honor-1`,
        level: 'city',
        title: '市级学法用法示范单位',
        documentId: 'gy-sfj-2017-31',
      },
      ADMIN
    )
  rec.record(
    'HonorAwarded',
    {
      unitId: 'lizhou',
      occurredOn: '2017-09-20',
      honorId: 'lizhou-honor-2',
      level: 'city',
      title: '市级学法用法示范单位（重复登记）',
      documentId: 'gy-sfj-2017-31',
    },
    ADMIN
  )

  // A correction: 青川 recorded one leadership study twice; the duplicate is retracted in December.
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
    '青川县填报员 (reporter@qingchuan)'
  )
  rec.record(
    'EventRetracted',
    { unitId: 'qingchuan', occurredOn: '2017-12-05', targetEventId: dup, reason: '与5月10日学法记录重复' },
    ADMIN,
    dup
  )

  // A manual adjustment with its approval trail: 昭化 loses a point for a late statistics report.
  rec.record(
    'PointsAdjusted',
    {
      unitId: 'zhaohua',
      occurredOn: between(r, '2017-12-10', '2017-12-20'),
      schemeId: 'guangyuan-districts-2017',
      indicatorId: 'A6',
      points: -1,
      reason: '统计报表迟报，经局务会研究扣1分',
      approvedBy: '市人社局局务会',
    },
    ADMIN
  )

  return rec.lines()
}
