import { describe, expect, it } from 'vitest'
import { fact, unitRegistered } from '../testing/facts'
import { given, testScheme } from '../testing/scoring-spec'

const inspections = (unitId: string, subjects: number) =>
  fact('InspectionConducted', unitId, {
    inspectionId: `i-${unitId}`,
    method: 'double_random',
    subjects,
    resultsPublished: true,
  })

const rankBy = (order?: 'asc') =>
  testScheme([
    {
      id: 'D9',
      name: '双随机抽查户数排名',
      max: 5,
      metric: { max: 'InspectionConducted', field: 'subjects' },
      scoring: { kind: 'rank', first: 5, step: 0.5, ...(order ? { order } : {}) },
      whenUndefined: 'zero',
    },
  ])

describe('rank', () => {
  it('gives 第一名满分，每降1位减0.5分 with competition places 1, 2, 2, 4', () => {
    const s = given(
      ['a', 'b', 'c', 'd', 'e'].map((u) => unitRegistered(u)),
      inspections('a', 10),
      inspections('b', 8),
      inspections('c', 8),
      inspections('d', 5)
    ).scoredWith(rankBy())
    expect(['a', 'b', 'c', 'd'].map((u) => s.indicator(u, 'D9').points)).toEqual([
      '5.00',
      '4.50',
      '4.50',
      '3.50',
    ])
    expect(s.indicator('d', 'D9').explanation).toContain('在 4 个单位中排第 4 名')
    // e has no inspection: its metric is undefined and whenUndefined gives 0.
    expect(s.indicator('e', 'D9')).toMatchObject({ value: null, points: '0.00' })
  })

  it('ranks ascending when lower is better', () => {
    const s = given(
      ['a', 'b'].map((u) => unitRegistered(u)),
      inspections('a', 10),
      inspections('b', 8)
    ).scoredWith(rankBy('asc'))
    expect(s.indicator('b', 'D9').points).toBe('5.00')
    expect(s.indicator('a', 'D9').points).toBe('4.50')
  })
})
