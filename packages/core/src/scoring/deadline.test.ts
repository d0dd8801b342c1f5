import { describe, expect, it } from 'vitest'
import { documentIssued, unitRegistered } from '../testing/facts'
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
