import { describe, expect, it } from 'vitest'
import { fact, unitRegistered } from '../testing/facts'
import { given, testScheme } from '../testing/scoring-spec'

const scheme = (whenUndefined?: string) =>
  testScheme([
    {
      id: 'J1',
      name: '依法决策情况（考核组评议）',
      max: 5,
      scoring: { kind: 'judged' },
      ...(whenUndefined ? { whenUndefined } : {}),
    },
    { id: 'B1', name: '学法', max: 5, metric: { count: 'TrainingHeld' }, scoring: { kind: 'flag' } },
  ])
const judged = (points: number, occurredOn = '2018-01-08', schemeId = 'test-2017', indicatorId = 'J1') =>
  fact('IndicatorJudged', 'a', { schemeId, indicatorId, points, reason: '实地核查' }, occurredOn)

describe('judged (考核组评议)', () => {
  it('takes the latest judgement, recorded in January 2018 for 2017: 3.5 then 4 → 4.00', () => {
    const g = given(unitRegistered('a'), judged(3.5), judged(4, '2018-01-09'))
    const s = g.scoredWith(scheme())
    expect(s.indicator('a', 'J1')).toMatchObject({ value: '4.00', points: '4.00', events: [g.log.ids()[2]] })
    expect(s.indicator('a', 'J1').explanation).toContain('考核组评分 4 分')
  })
  it('clamps a judgement above the item to its max: 7 of 5 → 5.00', () => {
    const s = given(unitRegistered('a'), judged(7)).scoredWith(scheme())
    expect(s.indicator('a', 'J1').points).toBe('5.00')
    expect(s.indicator('a', 'J1').explanation).toContain('按满分 5 分计')
  })
  it('ignores another scheme’s or another indicator’s judgement; none yet → whenUndefined (zero)', () => {
    const s = given(
      unitRegistered('a'),
      judged(4, '2018-01-08', 'other-2017'),
      judged(4, '2018-01-08', 'test-2017', 'B1')
    ).scoredWith(scheme())
    expect(s.indicator('a', 'J1')).toMatchObject({ value: null, points: '0.00' })
    expect(s.indicator('a', 'J1').explanation).toContain('考核组尚未评分')
  })
  it('with whenUndefined exclude, an indicator not yet judged is excluded and the category rescaled', () => {
    const s = given(
      unitRegistered('a'),
      fact('TrainingHeld', 'a', { sessionId: 's', kind: 'lecture', topic: '学法', attendees: 3 })
    ).scoredWith(scheme('exclude'))
    expect(s.indicator('a', 'J1')).toMatchObject({ status: 'excluded', points: null })
    expect(s.unit('a').total).toBe('10.00')
  })
})
