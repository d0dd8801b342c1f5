import { describe, expect, it } from 'vitest'
import { caseWith, documentIssued, times, training, unitRegistered } from '../testing/facts'
import { given, testScheme } from '../testing/scoring-spec'

const scheme = testScheme([
  {
    id: 'E2',
    name: '行政诉讼败诉',
    max: 6,
    metric: { count: 'CaseDecided', where: { 'case.kind': 'administrative_litigation', outcome: 'lost' } },
    scoring: { kind: 'deduct', per: 2 },
  },
  // 开江 (R3): item 1.5, −0.3 per missed study, deductions capped at 1.2.
  {
    id: 'R3',
    name: '领导学法缺次',
    max: 1.5,
    metric: { count: 'TrainingHeld', where: { kind: 'daily_study', attendees: { lt: 5 } } },
    scoring: { kind: 'deduct', per: 0.3, cap: 1.2 },
  },
  {
    id: 'A5',
    name: '规范性文件未审查',
    max: 2,
    metric: { count: 'DocumentIssued', where: { docType: 'normative_doc_unreviewed' } },
    scoring: { kind: 'deduct', per: 1 },
  },
])

describe('deduct', () => {
  it('scores 2 lawsuits lost at 2 points each as 6 − 4 = 2 of 6', () => {
    const s = given(
      unitRegistered('wangcang'),
      times(2, () => caseWith('wangcang', 'administrative_litigation', { decided: 'lost' }))
    ).scoredWith(scheme)
    expect(s.indicator('wangcang', 'E2')).toMatchObject({ value: '2.00', points: '2.00' })
  })

  it('keeps the full 6 with no lost lawsuit (a won one does not count)', () => {
    const s = given(
      unitRegistered('jiange'),
      caseWith('jiange', 'administrative_litigation', { decided: 'won' })
    ).scoredWith(scheme)
    expect(s.indicator('jiange', 'E2')).toMatchObject({ value: '0.00', points: '6.00' })
  })

  it('floors at 0: 4 lost lawsuits take all 6 points, not −2', () => {
    const s = given(
      unitRegistered('a'),
      times(4, () => caseWith('a', 'administrative_litigation', { decided: 'lost' }))
    ).scoredWith(scheme)
    expect(s.indicator('a', 'E2').points).toBe('0.00')
  })

  it('caps deductions below the item max (扣分上限): 5 × 0.3 = 1.5 capped at 1.2 leaves 0.30 of 1.5', () => {
    const s = given(
      unitRegistered('a'),
      times(5, () => training('a', 'daily_study', { attendees: 3 })),
      training('a', 'daily_study', { attendees: 9 })
    ).scoredWith(scheme)
    expect(s.indicator('a', 'R3')).toMatchObject({ value: '5.00', points: '0.30' })
    expect(s.indicator('a', 'R3').explanation).toContain('扣分上限 1.2')
  })

  it('deducts 1 per unreviewed normative document (R5/R6): 1 → 1 of 2', () => {
    const s = given(
      unitRegistered('a'),
      documentIssued('a', 'normative_doc_unreviewed', '2017-08-01'),
      documentIssued('a', 'rule_of_law_plan', '2017-04-01')
    ).scoredWith(scheme)
    expect(s.indicator('a', 'A5').points).toBe('1.00')
  })
})

describe('deductions beyond the item read as 扣完为止', () => {
  it('4 lost at 2 each on a 6-point item: 应扣 8 分，扣完为止，得 0 分 (never "6 − 8")', () => {
    const s = given(
      unitRegistered('a'),
      times(4, () => caseWith('a', 'administrative_litigation', { decided: 'lost' }))
    ).scoredWith(
      testScheme([
        {
          id: 'E2',
          name: '败诉',
          max: 6,
          metric: { count: 'CaseDecided', where: { outcome: 'lost' } },
          scoring: { kind: 'deduct', per: 2 },
        },
      ])
    )
    expect(s.indicator('a', 'E2').explanation).toContain('应扣 8 分，超过该项满分 6 分，扣完为止，得 0 分')
    expect(s.indicator('a', 'E2').exceptions).toHaveLength(4)
  })
})
