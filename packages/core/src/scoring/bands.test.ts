import { describe, expect, it } from 'vitest'
import { caseWith, times, unitRegistered } from '../testing/facts'
import { appearanceRate } from '../testing/indicators'
import { given, testScheme } from '../testing/scoring-spec'

const appearance = appearanceRate()
const winRate = {
  id: 'W1',
  name: '行政诉讼胜诉率',
  max: 5,
  metric: {
    ratio: [
      {
        count: 'CaseDecided',
        where: { 'case.kind': 'administrative_litigation', instance: 'first', outcome: 'won' },
      },
      { count: 'CaseDecided', where: { 'case.kind': 'administrative_litigation', instance: 'first' } },
    ],
  },
  scoring: {
    kind: 'bands',
    bands: [
      { gte: 0.96, points: 5 },
      { gte: 0.9, points: 3 },
    ],
    else: 1,
  },
}
const scheme = testScheme([appearance, winRate])

const hearings = (unit: string, appeared: number, absent: number) => [
  ...times(appeared, () => caseWith(unit, 'administrative_litigation', { hearings: [true] })),
  ...times(absent, () => caseWith(unit, 'administrative_litigation', { hearings: [false] })),
]
const suits = (unit: string, won: number, lost: number) => [
  ...times(won, () => caseWith(unit, 'administrative_litigation', { decided: 'won' })),
  ...times(lost, () => caseWith(unit, 'administrative_litigation', { decided: 'lost' })),
]

describe('bands', () => {
  it('scores 出庭应诉率 9/10 as 4 of 6 (the ≥90% band)', () => {
    const s = given(unitRegistered('wangcang'), hearings('wangcang', 9, 1)).scoredWith(scheme)
    expect(s.indicator('wangcang', 'E1')).toMatchObject({ value: '0.9000', points: '4.00' })
    expect(s.indicator('wangcang', 'E1').explanation).toContain('9/10 = 90.00%')
  })

  it('scores 出庭应诉率 100% (seed 001) as the full 6', () => {
    const s = given(unitRegistered('jiange'), hearings('jiange', 7, 0)).scoredWith(scheme)
    expect(s.indicator('jiange', 'E1')).toMatchObject({ value: '1.0000', points: '6.00' })
  })

  it('puts 胜诉率 30/31 = 96.77% (seed 001 says "96%") in the ≥96% band: 5 of 5', () => {
    const s = given(unitRegistered('jiange'), suits('jiange', 30, 1)).scoredWith(scheme)
    expect(s.indicator('jiange', 'W1')).toMatchObject({ value: '0.9677', points: '5.00' })
  })

  it('compares exactly at the boundary: 24/25 is exactly 96% and passes ≥96%, 23/24 (95.83%) does not', () => {
    const s = given(
      unitRegistered('a'),
      suits('a', 24, 1),
      unitRegistered('b'),
      suits('b', 23, 1)
    ).scoredWith(scheme)
    expect(s.indicator('a', 'W1').points).toBe('5.00')
    expect(s.indicator('b', 'W1').points).toBe('3.00')
  })

  it('falls to `else` when no band matches (2/4 = 50% → 1)', () => {
    const s = given(unitRegistered('a'), suits('a', 2, 2)).scoredWith(scheme)
    expect(s.indicator('a', 'W1')).toMatchObject({ value: '0.5000', points: '1.00' })
  })
})
