/**
 * Bounded adjustments (issue 11, SPEC §3 Authority): PointsAdjusted and AppealDecided.points act on their
 * indicator within [0, max]; the total stays within [0, scheme max + bonus max].
 */
import { describe, expect, it } from 'vitest'
import { fact, staffing, unitRegistered } from '../testing/facts'
import { given, testScheme } from '../testing/scoring-spec'

// 100 = X (5, flag on the legal section) + Y (95, flag on any training); bonus 3 for honours.
const INDICATORS = [
  {
    id: 'X',
    name: '设立政策法规股',
    max: 5,
    metric: { latest: 'StaffingReported', field: 'legalSectionEstablished' },
    scoring: { kind: 'flag' },
  },
  { id: 'Y', name: '学法', max: 95, metric: { count: 'TrainingHeld' }, scoring: { kind: 'flag' } },
]
const EXTRA = {
  bonus: {
    max: 3,
    indicators: [
      {
        id: 'H',
        name: '表彰',
        max: 3,
        metric: { count: 'HonorAwarded' },
        scoring: { kind: 'bonus', per: 1 },
      },
    ],
  },
}
const scheme = testScheme(INDICATORS, EXTRA)
const adjust = (indicatorId: string, points: number) =>
  fact(
    'PointsAdjusted',
    'a',
    { schemeId: 'test-2017', indicatorId, points, reason: '复核', approvedBy: '局务会' },
    '2018-01-10'
  )
const honors = (k: number) =>
  Array.from({ length: k }, (_, i) =>
    fact('HonorAwarded', 'a', { honorId: `h${i}`, level: 'city', title: '示范' })
  )
const training = fact('TrainingHeld', 'a', { sessionId: 's', kind: 'lecture', topic: '学法', attendees: 3 })

describe('bounded adjustments', () => {
  it('+1000 on a 5-point indicator scoring 0 gives 5: total 95 + 5 + 3 = 103, never more', () => {
    const g = given(unitRegistered('a'), staffing('a', false), training, honors(3), adjust('X', 1000))
    const s = g.scoredWith(scheme)
    const adj = g.log.ids().at(-1)
    expect(s.indicator('a', 'X')).toMatchObject({
      points: '0.00',
      adjusted: { points: '5.00', change: '5.00', events: [adj] },
    })
    expect(s.unit('a').adjustments).toMatchObject({
      points: '5.00',
      items: [{ event: adj, indicatorId: 'X', points: '1000.00', applied: '5.00' }],
    })
    expect(s.unit('a').total).toBe('103.00')
  })
  it('+1000 on an indicator already full changes nothing: 103 stays 103', () => {
    const s = given(
      unitRegistered('a'),
      staffing('a', true),
      training,
      honors(3),
      adjust('X', 1000)
    ).scoredWith(scheme)
    expect(s.unit('a').adjustments.items[0]).toMatchObject({
      applied: '0.00',
      note: '调整后该项得分应在 0 至 5 分之间',
    })
    expect(s.unit('a').total).toBe('103.00')
  })
  it('−1000 on Y takes its 95 and no more: 5 + 95 − 95 = 5', () => {
    const s = given(unitRegistered('a'), staffing('a', true), training, adjust('Y', -1000)).scoredWith(scheme)
    expect(s.indicator('a', 'Y').adjusted).toEqual({
      points: '0.00',
      change: '-95.00',
      events: [expect.any(String)],
    })
    expect(s.unit('a').total).toBe('5.00')
  })
  it('ignores an indicator id that names nothing in the scheme (the append path rejects it separately)', () => {
    const s = given(unitRegistered('a'), staffing('a', true), adjust('Z9', 10)).scoredWith(scheme)
    expect(s.unit('a').adjustments).toMatchObject({
      points: '0.00',
      items: [{ indicatorId: 'Z9', applied: '0.00' }],
    })
    expect(s.unit('a').total).toBe('5.00')
  })
  it('acts on the bonus block within its max: bonus 1 + 5 → 3, total 5 + 3 = 8', () => {
    const s = given(unitRegistered('a'), staffing('a', true), honors(1), adjust('bonus', 5)).scoredWith(
      scheme
    )
    expect(s.unit('a').adjustments).toMatchObject({
      points: '2.00',
      items: [{ indicatorId: 'bonus', applied: '2.00' }],
    })
    expect(s.unit('a').total).toBe('8.00')
  })
  it('bounds the sum of an indicator’s adjustments once, so their order does not matter: +3 then −3 on a full X is 5', () => {
    // Semantics 2 (scheme.ts); a scheme that states none bounds each in turn, below.
    const semantics2 = testScheme(INDICATORS, { ...EXTRA, semantics: 2 })
    const upFirst = given(unitRegistered('a'), staffing('a', true), adjust('X', 3), adjust('X', -3))
    const downFirst = given(unitRegistered('a'), staffing('a', true), adjust('X', -3), adjust('X', 3))
    for (const g of [upFirst, downFirst]) {
      const s = g.scoredWith(semantics2)
      expect(s.indicator('a', 'X').adjusted).toMatchObject({ points: '5.00', change: '0.00' })
      expect(s.unit('a').total).toBe('5.00')
    }
    // Each item says what it moved the bounded sum by: 5 + 3 → 5 (0), then 5 + 0 → 5 (0).
    expect(
      upFirst
        .scoredWith(semantics2)
        .unit('a')
        .adjustments.items.map((i) => i.applied)
    ).toEqual(['0.00', '0.00'])
    // Only the first was bounded (5 + 3 left [0, 5]); the second only cancelled it.
    expect(
      upFirst
        .scoredWith(semantics2)
        .unit('a')
        .adjustments.items.map((i) => i.note)
    ).toEqual(['调整后该项得分应在 0 至 5 分之间', undefined])
    // The old reading, each in turn: +3 on a full X changes nothing, then −3 takes 3.
    expect(upFirst.scoredWith(scheme).indicator('a', 'X').adjusted).toMatchObject({
      points: '2.00',
      change: '-3.00',
    })
  })
  it('applies adjustments in log order: −3 then +10 on X (5) → 2, then 5: change 0', () => {
    const s = given(unitRegistered('a'), staffing('a', true), adjust('X', -3), adjust('X', 10)).scoredWith(
      scheme
    )
    expect(s.unit('a').adjustments.items.map((i) => i.applied)).toEqual(['-3.00', '3.00'])
    expect(s.indicator('a', 'X').adjusted).toMatchObject({ points: '5.00', change: '0.00' })
    expect(s.unit('a').total).toBe('5.00')
  })
})

describe('appeals: AppealDecided.points act on the appeal’s indicator', () => {
  const filed = (appealId: string, indicatorId?: string) =>
    fact(
      'AppealFiled',
      'a',
      { appealId, schemeId: 'test-2017', reason: '培训记录漏计', ...(indicatorId ? { indicatorId } : {}) },
      '2018-01-20'
    )
  const decided = (appealId: string, decision: string, points?: number) =>
    fact(
      'AppealDecided',
      'a',
      { appealId, decision, reason: '经复核属实', ...(points === undefined ? {} : { points }) },
      '2018-01-25'
    )

  it('an upheld appeal on Y with +95 gives Y its 95: total 5 + 95 = 100', () => {
    const g = given(unitRegistered('a'), staffing('a', true), filed('ap1', 'Y'), decided('ap1', 'upheld', 95))
    const s = g.scoredWith(scheme)
    const [, , filedId, decidedId] = g.log.ids()
    expect(s.unit('a').total).toBe('100.00')
    expect(s.indicator('a', 'Y').adjusted).toEqual({ points: '95.00', change: '95.00', events: [decidedId] })
    expect(s.unit('a').adjustments.items).toEqual([
      {
        event: decidedId,
        indicatorId: 'Y',
        points: '95.00',
        applied: '95.00',
        reason: '经复核属实',
        approvedBy: '申诉复核决定',
        source: 'AppealDecided',
        appealId: 'ap1',
      },
    ])
    expect(s.unit('a').appeals).toEqual([
      {
        appealId: 'ap1',
        indicatorId: 'Y',
        state: 'decided',
        decision: 'upheld',
        points: '95.00',
        filed: filedId,
        decided: decidedId,
      },
    ])
  })
  it('a decision answers the filing it was recorded after: re-filing the id on X after a +95 on Y carries nothing', () => {
    // A log the append path now refuses (a decided appeal cannot be withdrawn), scored as replay and verify see it.
    const first = { ...filed('ap1', 'Y'), id: '00000000-0000-4000-8000-0000000000f1' }
    const g = given(
      unitRegistered('a'),
      staffing('a', true),
      first,
      decided('ap1', 'upheld', 95),
      fact('EventRetracted', 'a', { targetEventId: first.id, reason: '撤回申诉' }),
      filed('ap1', 'X')
    )
    const s = g.scoredWith(scheme)
    // Y stays 0 (its filing is gone), X is not credited with the old decision: 5 + 0.
    expect(s.unit('a').total).toBe('5.00')
    expect(s.unit('a').adjustments.items).toEqual([])
    expect(s.unit('a').appeals.map((a) => [a.appealId, a.indicatorId, a.state, a.decided])).toEqual([
      ['ap1', 'X', 'filed', null],
    ])
  })
  it('the re-filed appeal takes the decision recorded after it: +95 then rejected on Y leaves Y at 0', () => {
    const first = { ...filed('ap1', 'Y'), id: '00000000-0000-4000-8000-0000000000f1' }
    const s = given(
      unitRegistered('a'),
      staffing('a', true),
      first,
      decided('ap1', 'upheld', 95),
      fact('EventRetracted', 'a', { targetEventId: first.id, reason: '撤回申诉' }),
      filed('ap1', 'Y'),
      decided('ap1', 'rejected')
    ).scoredWith(scheme)
    expect(s.unit('a').total).toBe('5.00')
    expect(s.unit('a').appeals.map((a) => [a.appealId, a.state, a.decision])).toEqual([
      ['ap1', 'decided', 'rejected'],
    ])
  })
  it('an appeal against the whole result carries no points; an undecided appeal is listed as filed', () => {
    const s = given(
      unitRegistered('a'),
      staffing('a', true),
      filed('ap1'),
      decided('ap1', 'partially_upheld', 10),
      filed('ap2', 'X')
    ).scoredWith(scheme)
    expect(s.unit('a').total).toBe('5.00')
    expect(s.unit('a').adjustments.items).toEqual([])
    expect(s.unit('a').appeals.map((a) => [a.appealId, a.indicatorId, a.state, a.decision])).toEqual([
      ['ap1', null, 'decided', 'partially_upheld'],
      ['ap2', 'X', 'filed', null],
    ])
  })
})
