import { describe, expect, it } from 'vitest'
import { documentIssued, fact, unitRegistered } from '../testing/facts'
import { given, testScheme } from '../testing/scoring-spec'

const scheme = testScheme([
  {
    id: 'A3',
    name: '4月底前印发法治人社建设实施方案',
    max: 3,
    metric: { earliest: 'DocumentIssued', where: { docType: 'rule_of_law_plan' } },
    scoring: { kind: 'deadline', due: '2017-04-30', perDayLate: 0.1 },
  },
])

describe('deadline', () => {
  it('scores a plan issued 2017-05-10 (10 days late at 0.1/day) as 3 − 1 = 2 of 3', () => {
    const s = given(
      unitRegistered('wangcang'),
      documentIssued('wangcang', 'rule_of_law_plan', '2017-05-10')
    ).scoredWith(scheme)
    expect(s.indicator('wangcang', 'A3')).toMatchObject({ value: '2017-05-10', points: '2.00' })
    expect(s.indicator('wangcang', 'A3').explanation).toContain('逾期 10 天')
  })

  it('gives full marks on the due date itself', () => {
    const s = given(
      unitRegistered('jiange'),
      documentIssued('jiange', 'rule_of_law_plan', '2017-04-30')
    ).scoredWith(scheme)
    expect(s.indicator('jiange', 'A3').points).toBe('3.00')
  })

  it('uses the earliest issue when a plan is issued twice', () => {
    const s = given(
      unitRegistered('a'),
      documentIssued('a', 'rule_of_law_plan', '2017-06-01'),
      documentIssued('a', 'rule_of_law_plan', '2017-04-12')
    ).scoredWith(scheme)
    expect(s.indicator('a', 'A3')).toMatchObject({ value: '2017-04-12', points: '3.00' })
  })

  it('floors at 0 when very late (40 days × 0.1 = 4 > 3)', () => {
    const s = given(unitRegistered('a'), documentIssued('a', 'rule_of_law_plan', '2017-06-09')).scoredWith(
      scheme
    )
    expect(s.indicator('a', 'A3').points).toBe('0.00')
  })

  it('scores a plan still missing after its due date as 0 (at year end)', () => {
    const s = given(unitRegistered('a')).scoredWith(scheme, { asOf: '2017-12-31' })
    expect(s.indicator('a', 'A3')).toMatchObject({ value: null, points: '0.00' })
    expect(s.indicator('a', 'A3').explanation).toContain('未完成')
  })
})

describe('defect: a deadline not yet due is pending (未到期), never failed', () => {
  // C: 普法 7 points = C1 (5, ≥4 activities) + C4 (2, contest due 07-31).
  const c = testScheme([
    {
      id: 'C1',
      name: '普法宣传活动不少于4次',
      max: 5,
      metric: { count: 'PublicityHeld', where: { kind: 'lecture' } },
      scoring: { kind: 'linear', target: 4 },
    },
    {
      id: 'C4',
      name: '7月底前举办知识竞赛',
      max: 2,
      metric: { earliest: 'PublicityHeld', where: { kind: 'contest' } },
      scoring: { kind: 'deadline', due: '2017-07-31', perDayLate: 0.1 },
    },
  ])
  const lecture = (on: string) =>
    fact('PublicityHeld', 'a', { activityId: `l-${on}`, kind: 'lecture', topic: '普法' }, on)
  const g = given(unitRegistered('a'), lecture('2017-03-01'), lecture('2017-05-01'))

  it('mid-year (as of 2017-06-30, occurred basis) C4 is pending and the category rescaled: 7 × 2.5/5 = 3.50', () => {
    const s = g.scoredWith(c, { asOf: '2017-06-30', basis: 'occurred' })
    expect(s.indicator('a', 'C4')).toMatchObject({ status: 'pending', points: null, value: null })
    expect(s.indicator('a', 'C4').explanation).toContain('未到期')
    expect(s.indicator('a', 'C4').explanation).not.toContain('得 0 分')
    expect(s.indicator('a', 'C1')).toMatchObject({ status: 'scored', points: '2.50' })
    expect(s.unit('a').categories[0]).toMatchObject({ points: '3.50', max: '7.00' })
  })
  it('on the recorded basis too: as of 2017-07-31 (the due date itself) it is still pending', () => {
    expect(g.scoredWith(c, { asOf: '2017-07-31' }).indicator('a', 'C4').status).toBe('pending')
  })
  it('once due and still missing (2017-08-01) it fails: 0 of 2, category 7 × 2.5/7 = 2.50', () => {
    const s = g.scoredWith(c, { asOf: '2017-08-01', basis: 'occurred' })
    expect(s.indicator('a', 'C4')).toMatchObject({ status: 'scored', points: '0.00' })
    expect(s.unit('a').categories[0]?.points).toBe('2.50')
  })
})

describe('defect: a deduction floored at zero reads as such, never "1 − 1.7 = 0.00 分"', () => {
  it('17 days late at 0.1/day on a 1-point duty: 应扣 1.7 分，扣完为止，得 0 分', () => {
    const s = given(unitRegistered('a'), documentIssued('a', 'publicity_plan', '2017-05-17')).scoredWith(
      testScheme([
        {
          id: 'A4',
          name: '4月底前印发七五普法规划',
          max: 1,
          metric: { earliest: 'DocumentIssued', where: { docType: 'publicity_plan' } },
          scoring: { kind: 'deadline', due: '2017-04-30', perDayLate: 0.1 },
        },
      ])
    )
    const a4 = s.indicator('a', 'A4')
    expect(a4.points).toBe('0.00')
    expect(a4.explanation).not.toContain('1 − 1.7')
    expect(a4.explanation).toContain(
      '逾期 17 天，每天扣 0.1 分，应扣 1.7 分，超过该项满分 1 分，扣完为止，得 0 分'
    )
  })
})

describe('defect: last year’s report, sent this January, answered this year’s year-end deadline', () => {
  // A7: the 2017 report is due 2018-01-15. The 2016 report was sent on 2017-01-10 — inside 2017 — and, as the
  // earliest annual report of the period, scored 2 of 2 a year early.
  const a7 = (where: Record<string, unknown>) =>
    testScheme([
      {
        id: 'A7',
        name: '按时报送年度法治政府建设报告',
        max: 2,
        metric: { earliest: 'DocumentIssued', where },
        scoring: { kind: 'deadline', due: '2018-01-15', perDayLate: 0.1 },
      },
    ])
  const report = (year: number, on: string, extra: Record<string, unknown> = {}) =>
    fact(
      'DocumentIssued',
      'wangcang',
      {
        documentId: `report-${year}`,
        docType: 'annual_report',
        title: `${year}年度报告`,
        reportYear: year,
        ...extra,
      },
      on
    )
  const lastYears = report(2016, '2017-01-10')

  it('without the year, the 2016 report sent in January 2017 gives 2017 full points (the defect, as it was)', () => {
    const s = given(unitRegistered('wangcang'), lastYears).scoredWith(a7({ docType: 'annual_report' }))
    expect(s.indicator('wangcang', 'A7')).toMatchObject({ points: '2.00' })
  })

  it('with reportYear 2017 in the where, it answers nothing: 2017’s indicator has no report', () => {
    const s = given(unitRegistered('wangcang'), lastYears).scoredWith(
      a7({ docType: 'annual_report', reportYear: 2017 })
    )
    expect(s.indicator('wangcang', 'A7').points).not.toBe('2.00')
    expect(s.indicator('wangcang', 'A7').events).toEqual([])
  })

  it('the 2017 report sent 2018-01-12 and counted for 2017 (countsOn, by the city’s own record) is on time: 2', () => {
    const s = given(unitRegistered('wangcang'), lastYears, {
      ...report(2017, '2018-01-12', { countsOn: '2017-12-31' }),
      actor: '市局管理员 (admin@city)',
    }).scoredWith(a7({ docType: 'annual_report', reportYear: 2017 }))
    expect(s.indicator('wangcang', 'A7')).toMatchObject({ points: '2.00' })
  })
})
