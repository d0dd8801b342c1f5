import { describe, expect, it } from 'vitest'
import { caseWith, fact, times, training, unitRegistered } from '../testing/facts'
import { appearanceRate } from '../testing/indicators'
import { given, schemeFrom, testScheme } from '../testing/scoring-spec'

const GRADES = [
  { name: '优秀', min: 90 },
  { name: '良好', min: 80 },
  { name: '合格', min: 60 },
  { name: '不合格', min: 0 },
]

const appearance = (whenUndefined: 'full' | 'zero' | 'exclude') => appearanceRate({ whenUndefined })
const studies = {
  id: 'B1',
  name: '学法',
  max: 4,
  metric: { count: 'TrainingHeld', where: { kind: 'leadership_study' } },
  scoring: { kind: 'linear', target: 4 },
}

describe('whenUndefined', () => {
  it('gives a district with no hearings at all the full 6 under `full` (lizhou)', () => {
    const s = given(unitRegistered('lizhou')).scoredWith(testScheme([appearance('full'), studies]))
    expect(s.indicator('lizhou', 'E1')).toMatchObject({ value: null, points: '6.00' })
    expect(s.indicator('lizhou', 'E1').explanation).toContain('分母为 0')
  })

  it('gives 0 under the default `zero`', () => {
    const s = given(unitRegistered('lizhou')).scoredWith(testScheme([appearance('zero'), studies]))
    expect(s.indicator('lizhou', 'E1').points).toBe('0.00')
  })

  it('drops the item under `exclude` and rescales its category: 2 of the remaining 4 → 10 × 2/4 = 5.00', () => {
    const s = given(
      unitRegistered('lizhou'),
      times(2, () => training('lizhou', 'leadership_study'))
    ).scoredWith(testScheme([appearance('exclude'), studies]))
    expect(s.indicator('lizhou', 'E1').points).toBeNull()
    expect(s.unit('lizhou').categories[0]).toMatchObject({ points: '5.00', max: '10.00' })
    expect(s.unit('lizhou').total).toBe('5.00')
  })
})

describe('category arithmetic', () => {
  it('rounds a category half-up to 2 decimals: 10 × 7/9 = 7.777… → 7.78', () => {
    const scheme = schemeFrom({
      schemeId: 't',
      version: 1,
      title: 't',
      appliesTo: 'district',
      period: { from: '2017-01-01', to: '2017-12-31' },
      categories: [
        {
          id: 'c',
          name: '类别',
          max: 10,
          indicators: [
            {
              id: 'x',
              name: '学法',
              max: 9,
              metric: { count: 'TrainingHeld' },
              scoring: { kind: 'linear', target: 9 },
            },
          ],
        },
      ],
      grades: GRADES,
    })
    const s = given(
      unitRegistered('a'),
      times(7, () => training('a', 'lecture'))
    ).scoredWith(scheme)
    expect(s.indicator('a', 'x').points).toBe('7.00')
    expect(s.unit('a').categories[0]?.points).toBe('7.78')
  })
})

describe('个性指标 (units) with rescaling', () => {
  // 共性 60 in two categories + 个性 40 that applies to the arbitration court only (R11: 满分50考评，折算成百分制).
  const scheme = schemeFrom({
    schemeId: 'dept',
    version: 1,
    title: '科室考核',
    appliesTo: 'department',
    period: { from: '2017-01-01', to: '2017-12-31' },
    categories: [
      {
        id: 'study',
        name: '学法',
        max: 30,
        indicators: [
          {
            id: 'S1',
            name: '学法 ≥4',
            max: 30,
            metric: { count: 'TrainingHeld' },
            scoring: { kind: 'linear', target: 4 },
          },
        ],
      },
      {
        id: 'doc',
        name: '按时报送',
        max: 30,
        indicators: [
          { id: 'D1', name: '报送', max: 30, metric: { count: 'DocumentIssued' }, scoring: { kind: 'flag' } },
        ],
      },
      {
        id: 'own',
        name: '个性指标',
        max: 40,
        indicators: [
          {
            id: 'F1',
            name: '仲裁结案率',
            max: 40,
            units: ['zhongcai-yuan'],
            metric: {
              ratio: [
                { count: 'CaseClosed', where: { 'case.kind': 'labor_arbitration' } },
                { count: 'CaseOpened', where: { kind: 'labor_arbitration' } },
              ],
            },
            scoring: {
              kind: 'bands',
              bands: [
                { gte: 0.95, points: 40 },
                { gte: 0.9, points: 30 },
              ],
            },
          },
        ],
      },
    ],
    grades: GRADES,
  })

  it('scales 共性 up to 100 for a section with no 个性 indicator: 15 + 30 of 60 → 25.00 + 50.00 = 75.00', () => {
    const s = given(
      unitRegistered('bangongshi', '办公室', 'department'),
      times(2, () => training('bangongshi', 'lecture')),
      fact('DocumentIssued', 'bangongshi', { documentId: 'd1', docType: 'report', title: '报告' })
    ).scoredWith(scheme)
    const u = s.unit('bangongshi')
    expect(u.categories.map((c) => [c.id, c.points, c.max])).toEqual([
      ['study', '25.00', '50.00'],
      ['doc', '50.00', '50.00'],
      ['own', null, '40.00'],
    ])
    expect(s.indicator('bangongshi', 'F1')).toMatchObject({ points: null, value: null })
    expect(u.total).toBe('75.00')
  })

  it('scores the 个性 category for the unit it names: 仲裁结案率 19/20 = 95% → 40', () => {
    const s = given(
      unitRegistered('zhongcai-yuan', '仲裁院', 'department'),
      times(19, () => caseWith('zhongcai-yuan', 'labor_arbitration', { closed: { withinTimeLimit: true } })),
      caseWith('zhongcai-yuan', 'labor_arbitration')
    ).scoredWith(scheme)
    expect(s.indicator('zhongcai-yuan', 'F1')).toMatchObject({ value: '0.9500', points: '40.00' })
    expect(s.unit('zhongcai-yuan').total).toBe('40.00')
  })
})
