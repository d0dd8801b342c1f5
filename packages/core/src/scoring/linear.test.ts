import { describe, expect, it } from 'vitest'
import { caseWith, times, training, unitRegistered } from '../testing/facts'
import { given, testScheme } from '../testing/scoring-spec'

const scheme = testScheme([
  {
    id: 'B1',
    name: '中心组学法 ≥4次',
    max: 4,
    metric: { count: 'TrainingHeld', where: { kind: 'leadership_study' } },
    scoring: { kind: 'linear', target: 4 },
  },
  {
    id: 'F2',
    name: '仲裁调解率 ≥60%',
    max: 4,
    metric: {
      ratio: [
        { count: 'CaseClosed', where: { 'case.kind': 'labor_arbitration', resolution: 'mediated' } },
        { count: 'CaseClosed', where: { 'case.kind': 'labor_arbitration' } },
      ],
    },
    scoring: { kind: 'linear', target: 0.6 },
  },
])

describe('linear', () => {
  it('scores 3 leadership studies against a target of 4 as 3 of 4', () => {
    const s = given(
      unitRegistered('jiange'),
      times(3, () => training('jiange', 'leadership_study'))
    ).scoredWith(scheme)
    expect(s.indicator('jiange', 'B1')).toMatchObject({ value: '3.00', points: '3.00' })
  })

  it('stops at full marks above the target (6 studies → 4 of 4)', () => {
    const s = given(
      unitRegistered('jiange'),
      times(6, () => training('jiange', 'leadership_study'))
    ).scoredWith(scheme)
    expect(s.indicator('jiange', 'B1').points).toBe('4.00')
  })

  it('scores 调解率 1/3 against 60% as 4 × (1/3)/0.6 = 2.22', () => {
    const s = given(
      unitRegistered('lizhou'),
      caseWith('lizhou', 'labor_arbitration', { closed: { withinTimeLimit: true, resolution: 'mediated' } }),
      caseWith('lizhou', 'labor_arbitration', { closed: { withinTimeLimit: true, resolution: 'awarded' } }),
      caseWith('lizhou', 'labor_arbitration', { closed: { withinTimeLimit: false, resolution: 'awarded' } })
    ).scoredWith(scheme)
    expect(s.indicator('lizhou', 'F2')).toMatchObject({ value: '0.3333', points: '2.22' })
  })
})
