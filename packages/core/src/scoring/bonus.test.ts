import { describe, expect, it } from 'vitest'
import { fact, unitRegistered } from '../testing/facts'
import { given, testScheme } from '../testing/scoring-spec'

let honors = 0
const honor = (unitId: string, level: string, documentId?: string) =>
  fact('HonorAwarded', unitId, {
    honorId: `h-${++honors}`,
    level,
    title: '依法行政示范单位',
    ...(documentId ? { documentId } : {}),
  })

const scheme = testScheme(
  [{ id: 'A1', name: '基础', max: 10, metric: { count: 'SurveyScored' }, scoring: { kind: 'flag' } }],
  {
    bonus: {
      max: 3,
      indicators: [
        {
          id: 'H-prov',
          name: '省级表彰',
          max: 3,
          metric: { count: 'HonorAwarded', where: { level: 'provincial' }, distinct: 'documentId' },
          scoring: { kind: 'bonus', per: 1 },
        },
        {
          id: 'H-city',
          name: '市级表彰',
          max: 3,
          metric: { count: 'HonorAwarded', where: { level: 'city' }, distinct: 'documentId' },
          scoring: { kind: 'bonus', per: 0.5 },
        },
      ],
    },
  }
)

describe('bonus', () => {
  it('adds +1 per provincial honour: 2 → 2.00 on top of the categories', () => {
    const s = given(
      unitRegistered('jiange'),
      honor('jiange', 'provincial', 'doc-1'),
      honor('jiange', 'provincial', 'doc-2')
    ).scoredWith(scheme)
    expect(s.indicator('jiange', 'H-prov').points).toBe('2.00')
    expect(s.unit('jiange').bonus).toMatchObject({ points: '2.00', max: '3.00' })
    expect(s.unit('jiange').total).toBe('2.00')
  })

  it('counts one 表彰 document named in several events once (distinct documentId)', () => {
    const s = given(
      unitRegistered('a'),
      honor('a', 'provincial', 'doc-1'),
      honor('a', 'provincial', 'doc-1')
    ).scoredWith(scheme)
    expect(s.indicator('a', 'H-prov')).toMatchObject({ value: '1.00', points: '1.00' })
  })

  it('caps the whole block at its max: 3 provincial + 2 city = 4 → 3', () => {
    const s = given(
      unitRegistered('a'),
      ['d1', 'd2', 'd3'].map((d) => honor('a', 'provincial', d)),
      ['c1', 'c2'].map((d) => honor('a', 'city', d))
    ).scoredWith(scheme)
    expect(s.indicator('a', 'H-prov').points).toBe('3.00')
    expect(s.indicator('a', 'H-city').points).toBe('1.00')
    expect(s.unit('a').bonus?.points).toBe('3.00')
  })
})
