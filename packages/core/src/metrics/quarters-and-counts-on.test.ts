/** `per: "quarter"` and `countsOn` (SPEC §4 v2 "Quarters", §3 v2 fields; issue 12). */
import { describe, expect, it } from 'vitest'
import { documentIssued, fact, unitRegistered } from '../testing/facts'
import { given, testScheme } from '../testing/scoring-spec'

let n = 0
const inspection = (unitId: string, occurredOn: string) =>
  fact(
    'InspectionConducted',
    unitId,
    {
      inspectionId: `i-${++n}`,
      method: 'double_random',
      subjects: 5,
      resultsPublished: true,
    },
    occurredOn
  )

describe('defect: "每季度不少于1次" is met per quarter, not by four checks in one week', () => {
  const D1 = [
    {
      id: 'D1',
      name: '双随机抽查每季度不少于1次',
      max: 3,
      metric: { count: 'InspectionConducted', where: { method: 'double_random' }, per: 'quarter' },
      scoring: {
        kind: 'bands',
        bands: [
          { gte: 4, points: 3 },
          { gte: 3, points: 2 },
          { gte: 2, points: 1 },
        ],
      },
    },
  ]
  const scheme = testScheme(D1)

  it('four inspections in the first week of December are 1 quarter, not 4: 0 points, three quarters missing', () => {
    const s = given(
      unitRegistered('a'),
      ['2017-12-01', '2017-12-02', '2017-12-04', '2017-12-05'].map((d) => inspection('a', d))
    ).scoredWith(scheme)
    expect(s.indicator('a', 'D1')).toMatchObject({ value: '1.00', points: '0.00' })
    expect(s.indicator('a', 'D1').events).toHaveLength(4)
    expect(s.indicator('a', 'D1').explanation).toContain('4 个季度中 1 个季度有记录（共 4 次）')
    expect(s.indicator('a', 'D1').explanation).toContain('缺第1季度（2017-01-01 至 2017-03-31）')
  })

  it('one inspection in each quarter is 4 quarters: 3 of 3', () => {
    const s = given(
      unitRegistered('a'),
      ['2017-03-31', '2017-04-01', '2017-09-30', '2017-10-01'].map((d) => inspection('a', d))
    ).scoredWith(scheme)
    expect(s.indicator('a', 'D1')).toMatchObject({ value: '4.00', points: '3.00' })
  })

  // Semantics 2 (scheme.ts): a scheme that states none keeps the old reading, below.
  const semantics2 = testScheme(D1, { semantics: 2 })
  const dated = (occurredOn: string, countsOn: string) => {
    const e = inspection('a', occurredOn)
    return { ...e, data: { ...e.data, countsOn } }
  }

  it('places a fact in the quarter it happened in: four December inspections dated back by countsOn fill 1 quarter', () => {
    const s = given(
      unitRegistered('a'),
      dated('2017-12-01', '2017-03-31'),
      dated('2017-12-02', '2017-06-30'),
      dated('2017-12-04', '2017-09-30'),
      dated('2017-12-05', '2017-12-31')
    ).scoredWith(semantics2)
    expect(s.indicator('a', 'D1')).toMatchObject({ value: '1.00', points: '0.00' })
  })

  it('keeps the old reading (each fact in its countsOn quarter) for a scheme that states no semantics: 4 quarters', () => {
    const s = given(
      unitRegistered('a'),
      dated('2017-12-01', '2017-03-31'),
      dated('2017-12-02', '2017-06-30'),
      dated('2017-12-04', '2017-09-30'),
      dated('2017-12-05', '2017-12-31')
    ).scoredWith(scheme)
    expect(s.indicator('a', 'D1')).toMatchObject({ value: '4.00', points: '3.00' })
  })

  it('places a fact that happened after the period by its countsOn: a January inspection counted for Q4', () => {
    const s = given(
      unitRegistered('a'),
      ...['2017-03-31', '2017-04-01', '2017-09-30'].map((d) => inspection('a', d)),
      dated('2018-01-08', '2017-12-31')
    ).scoredWith(semantics2)
    expect(s.indicator('a', 'D1')).toMatchObject({ value: '4.00', points: '3.00' })
  })

  it('slices quarters from period.from: a July-to-June year (seed 000) has Q1 = July–September', () => {
    const s = given(
      unitRegistered('a'),
      inspection('a', '2022-09-30'),
      inspection('a', '2023-06-30')
    ).scoredWith(
      testScheme(
        [
          {
            id: 'D1',
            name: 'q',
            max: 3,
            metric: { count: 'InspectionConducted', per: 'quarter' },
            scoring: { kind: 'linear', target: 4 },
          },
        ],
        { schemeId: 'test-2223', period: { from: '2022-07-01', to: '2023-06-30' } }
      )
    )
    expect(s.indicator('a', 'D1').value).toBe('2.00')
    expect(s.indicator('a', 'D1').explanation).toContain(
      '缺第2季度（2022-10-01 至 2022-12-31）、第3季度（2023-01-01 至 2023-03-31）'
    )
  })
})

describe('defect: a January 通报 about last year counts in last year (countsOn)', () => {
  const zero = (schemeId: string, year: string) =>
    testScheme(
      [{ id: 'B1', name: '学法', max: 10, metric: { count: 'TrainingHeld' }, scoring: { kind: 'flag' } }],
      {
        schemeId,
        period: { from: `${year}-01-01`, to: `${year}-12-31` },
        rules: [
          {
            id: 'zero-publicity',
            kind: 'zero',
            scope: 'total',
            name: '因政策法规宣传不到位被省厅通报并限期整改的，计0分',
            when: {
              metric: {
                count: 'NotificationReceived',
                where: {
                  issuer: 'province',
                  reason: 'policy_publicity_inadequate',
                  rectificationRequired: true,
                },
              },
              gte: 1,
            },
          },
        ],
      }
    )
  const notice = (countsOn?: string) =>
    fact(
      'NotificationReceived',
      'cangxi',
      {
        notificationId: 'n-2018-01',
        issuer: 'province',
        reason: 'policy_publicity_inadequate',
        rectificationRequired: true,
        ...(countsOn ? { countsOn } : {}),
      },
      '2018-01-12'
    )
  const training = fact(
    'TrainingHeld',
    'cangxi',
    { sessionId: 's1', kind: 'lecture', topic: '学法', attendees: 9 },
    '2017-05-01'
  )

  it('a 通报 of 2018-01-12 with countsOn 2017-12-31 zeroes 2017', () => {
    const s = given(unitRegistered('cangxi'), training, notice('2017-12-31')).scoredWith(
      zero('t-2017', '2017')
    )
    expect(s.unit('cangxi')).toMatchObject({ total: '0.00', zeroed: true })
    expect(s.unit('cangxi').rulesFired).toMatchObject([{ id: 'zero-publicity', value: '1.00' }])
  })
  it('and does not count again in 2018', () => {
    const s = given(unitRegistered('cangxi'), notice('2017-12-31')).scoredWith(zero('t-2018', '2018'))
    expect(s.unit('cangxi').zeroed).toBe(false)
  })
  it('without countsOn it counts in 2018, the year it occurred', () => {
    const s = given(unitRegistered('cangxi'), training, notice()).scoredWith(zero('t-2017', '2017'))
    expect(s.unit('cangxi')).toMatchObject({ total: '10.00', zeroed: false })
  })
})

describe('a year-end duty due after the period: the 2017 annual report due 2018-01-15', () => {
  const scheme = testScheme([
    {
      id: 'R1',
      name: '年度法治政府建设报告（次年1月15日前报送）',
      max: 2,
      metric: { earliest: 'DocumentIssued', where: { docType: 'annual_report' } },
      scoring: { kind: 'deadline', due: '2018-01-15', perDayLate: 0.1 },
    },
  ])
  const report = (occurredOn: string) => ({
    ...documentIssued('a', 'annual_report', occurredOn),
    data: { ...documentIssued('a', 'annual_report', occurredOn).data, countsOn: '2017-12-31' },
  })
  it('issued 2018-01-10 and counted in 2017: on time, 2 of 2 (deadlines compare occurredOn)', () => {
    const s = given(unitRegistered('a'), report('2018-01-10')).scoredWith(scheme)
    expect(s.indicator('a', 'R1')).toMatchObject({ value: '2018-01-10', points: '2.00' })
  })
  it('issued 2018-01-20: 5 days late, 2 − 0.5 = 1.50, the late report is the exception', () => {
    const g = given(unitRegistered('a'), report('2018-01-20'))
    const s = g.scoredWith(scheme)
    expect(s.indicator('a', 'R1')).toMatchObject({ points: '1.50', exceptions: [g.log.ids()[1]] })
    expect(s.indicator('a', 'R1').explanation).toContain('逾期 5 天')
  })
  it('is pending (未到期) at 2017-12-31 without its report, not 0', () => {
    const s = given(unitRegistered('a'), documentIssued('a', 'other', '2017-03-01')).scoredWith(scheme, {
      asOf: '2017-12-31',
      basis: 'occurred',
    })
    expect(s.indicator('a', 'R1')).toMatchObject({ status: 'pending', points: null })
  })
})

describe('a unit cannot move this year’s work into last year’s score with countsOn', () => {
  const scheme = testScheme([
    {
      id: 'B1',
      name: '学法不少于4次',
      max: 10,
      metric: { count: 'TrainingHeld' },
      scoring: { kind: 'linear', target: 4 },
    },
  ])
  const REPORTER = '苍溪县填报员 (reporter@cangxi)'
  const held = (sessionId: string, occurredOn: string, extra: Record<string, unknown> = {}) => ({
    ...fact(
      'TrainingHeld',
      'cangxi',
      { sessionId, kind: 'lecture', topic: '学法', attendees: 9, ...extra },
      occurredOn
    ),
    actor: REPORTER,
  })
  const claimed = {
    ...held('s-2018', '2018-03-01', { countsOn: '2017-12-31' }),
    id: '00000000-0000-4000-8000-00000000c0de',
  }

  it('counts a reporter’s 2018 training claimed for 2017 in 2018 until the 考核组 verifies the claim: 2 of 4 = 5.00', () => {
    const s = given(
      unitRegistered('cangxi'),
      held('s-1', '2017-05-01'),
      held('s-2', '2017-06-01'),
      claimed
    ).scoredWith(scheme)
    expect(s.indicator('cangxi', 'B1')).toMatchObject({ value: '2.00', points: '5.00' })
  })

  it('counts it in 2017 once verified: 3 of 4 = 7.50', () => {
    const s = given(
      unitRegistered('cangxi'),
      held('s-1', '2017-05-01'),
      held('s-2', '2017-06-01'),
      claimed,
      fact('FactVerified', 'cangxi', { targetEventId: claimed.id }, '2018-03-05')
    ).scoredWith(scheme)
    expect(s.indicator('cangxi', 'B1')).toMatchObject({ value: '3.00', points: '7.50' })
  })
})
