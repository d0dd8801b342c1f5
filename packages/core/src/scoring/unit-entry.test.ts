/** The v2 unit entry: noFacts, selfAssessed, and countOnlyVerified (SPEC §3 Verification, §4 Result). */
import { describe, expect, it } from 'vitest'
import { fact, notification, training, unitRegistered } from '../testing/facts'
import { given, testScheme } from '../testing/scoring-spec'

const INDICATORS = [
  {
    id: 'B1',
    name: '学法 ≥2次',
    max: 4,
    metric: { count: 'TrainingHeld' },
    scoring: { kind: 'linear', target: 2 },
  },
  {
    id: 'N',
    name: '通报（每次扣1分）',
    max: 2,
    metric: { count: 'NotificationReceived' },
    scoring: { kind: 'deduct', per: 1 },
  },
]
const studies = testScheme(INDICATORS)

describe('a unit with no facts', () => {
  it('says so (noFacts) when the unit reported nothing in the period; a 2016 fact does not count', () => {
    const s = given(
      unitRegistered('silent'),
      training('silent', 'lecture', {}, '2016-12-01'),
      unitRegistered('busy'),
      training('busy', 'lecture')
    ).scoredWith(studies)
    expect(s.unit('silent').noFacts).toBe(true)
    expect(s.unit('busy').noFacts).toBe(false)
  })
})

describe('selfAssessed (自查自评)', () => {
  it('carries the latest self-assessment for this scheme, its items and their sum', () => {
    const self = (points: number, schemeId = 'test-2017') =>
      fact('SelfAssessmentSubmitted', 'a', {
        schemeId,
        items: [
          { indicatorId: 'B1', points, note: '学法4次' },
          { indicatorId: 'N', points: 2 },
        ],
      })
    const g = given(unitRegistered('a'), self(3), self(4), self(1, 'other'))
    expect(g.scoredWith(studies).unit('a').selfAssessed).toEqual({
      event: g.log.ids()[2],
      total: '6.00',
      items: [
        { indicatorId: 'B1', points: '4.00', note: '学法4次' },
        { indicatorId: 'N', points: '2.00' },
      ],
    })
    expect(given(unitRegistered('b')).scoredWith(studies).unit('b').selfAssessed).toBeNull()
  })
})

describe('countOnlyVerified', () => {
  const verified = testScheme(INDICATORS, { countOnlyVerified: true })
  const g = given(
    unitRegistered('a'),
    training('a', 'lecture'),
    training('a', 'lecture'),
    notification('a', 'other_reason', 'city', false)
  )
  const [, first] = g.log.ids()
  g.log.add(fact('FactVerified', 'a', { targetEventId: first }))

  it('counts a unit’s own facts only once verified: 1 of 2 studies → 4 × 1/2 = 2.00', () => {
    expect(g.scoredWith(verified).indicator('a', 'B1')).toMatchObject({
      value: '1.00',
      points: '2.00',
      events: [first],
    })
  })
  it('always counts the city’s facts: the 通报 deducts 1 without verification', () => {
    expect(g.scoredWith(verified).indicator('a', 'N')).toMatchObject({ value: '1.00', points: '1.00' })
  })
  it('without the flag counts both studies', () => {
    expect(g.scoredWith(studies).indicator('a', 'B1').value).toBe('2.00')
  })
})
