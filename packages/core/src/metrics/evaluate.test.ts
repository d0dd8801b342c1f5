import { describe, expect, it } from 'vitest'
import { caseWith, fact, times, unitRegistered } from '../testing/facts'
import { given, testScheme } from '../testing/scoring-spec'

/** One indicator per metric form, each scored `linear` against 1 so its value is visible in the result. */
const show = (id: string, metric: unknown, scoring: unknown = { kind: 'linear', target: 1 }) => ({
  id,
  name: id,
  max: 1,
  metric,
  scoring,
})

const review = (unitId: string, score: number, occurredOn?: string) =>
  fact(
    'CaseFileReviewScored',
    unitId,
    { reviewId: `r-${score}-${occurredOn ?? ''}`, score, files: 10 },
    occurredOn
  )
const publicity = (unitId: string, kind: string, reach?: number, occurredOn?: string) =>
  fact(
    'PublicityHeld',
    unitId,
    {
      activityId: `p-${kind}-${reach}-${occurredOn}`,
      kind,
      topic: '普法',
      ...(reach === undefined ? {} : { reach }),
    },
    occurredOn
  )

const scheme = testScheme(
  [
    show('sum', { sum: 'PublicityHeld', field: 'reach' }),
    show('avg', { avg: 'CaseFileReviewScored', field: 'score' }),
    show('min', { min: 'CaseFileReviewScored', field: 'score' }),
    show('max', { max: 'CaseFileReviewScored', field: 'score' }),
    show('latest', { latest: 'StaffingReported', field: 'fullTimeLegalStaff' }),
    show('list', { count: 'PublicityHeld', where: { kind: ['lecture', 'campaign', 'site_visit'] } }),
    show('ne', { count: 'PublicityHeld', where: { kind: { ne: 'new_media' } } }),
    show('notIn', { count: 'PublicityHeld', where: { kind: { notIn: ['new_media', 'lecture'] } } }),
    show('gte', { count: 'PublicityHeld', where: { reach: { gte: 1000 } } }),
    show('date', { count: 'PublicityHeld', where: { occurredOn: { lt: '2017-07-01' } } }),
    show('caseKind', {
      count: 'CaseClosed',
      where: { 'case.kind': 'labor_inspection', withinTimeLimit: true },
    }),
    show(
      'change',
      { change: { count: 'CaseOpened', where: { kind: 'administrative_litigation' } } },
      { kind: 'bands', bands: [{ lte: 0, points: 1 }] }
    ),
  ],
  { metrics: {} }
)

describe('metrics', () => {
  const g = given(
    unitRegistered('a'),
    publicity('a', 'lecture', 500, '2017-03-01'),
    publicity('a', 'campaign', 3000, '2017-08-01'),
    publicity('a', 'new_media', undefined, '2017-05-01'),
    publicity('a', 'site_visit', 1000, '2016-12-31'),
    review('a', 90),
    review('a', 85),
    review('a', 88),
    fact('StaffingReported', 'a', { legalSectionEstablished: true, fullTimeLegalStaff: 1 }, '2017-02-01'),
    fact('StaffingReported', 'a', { legalSectionEstablished: true, fullTimeLegalStaff: 2 }, '2017-09-01'),
    fact('StaffingReported', 'a', { legalSectionEstablished: true, fullTimeLegalStaff: 5 }, '2018-01-03'),
    caseWith('a', 'labor_inspection', { closed: { withinTimeLimit: true } }),
    caseWith('a', 'labor_inspection', { closed: { withinTimeLimit: false } }),
    caseWith('a', 'labor_arbitration', { closed: { withinTimeLimit: true } }),
    times(10, () => caseWith('a', 'administrative_litigation', { occurredOn: '2016-05-01' })),
    times(8, () => caseWith('a', 'administrative_litigation'))
  )
  const s = g.scoredWith(scheme)
  const value = (id: string) => s.indicator('a', id).value

  it('sums a field over the period, skipping events outside it or without the field (500 + 3000)', () => {
    expect(value('sum')).toBe('3500.00')
  })
  it('averages case-file review scores exactly: (90 + 85 + 88)/3 = 87.67', () => {
    expect(value('avg')).toBe('87.67')
    expect(s.indicator('a', 'avg').explanation).toContain('263/3')
  })
  it('takes min and max', () => {
    expect([value('min'), value('max')]).toEqual(['85.00', '90.00'])
  })
  it('takes the latest report on or before the period end, not one from the next year', () => {
    expect(value('latest')).toBe('2.00')
  })
  it('matches a list of values, ne, notIn, a numeric and a date comparison', () => {
    expect([value('list'), value('ne'), value('notIn'), value('gte'), value('date')]).toEqual([
      '2.00',
      '2.00',
      '1.00',
      '1.00',
      '2.00',
    ])
  })
  it('filters follow-ups by their case kind (case.kind) — only the inspection closed on time', () => {
    expect(value('caseKind')).toBe('1.00')
  })
  it('computes change against the previous year: 10 → 8 lawsuits = −20% (双下降 band lte 0)', () => {
    expect(value('change')).toBe('-0.2000')
    expect(s.indicator('a', 'change').points).toBe('1.00')
  })
  it('lists every event behind a value, in log order', () => {
    const ids = g.log.ids()
    expect(s.indicator('a', 'avg').events).toEqual([ids[5], ids[6], ids[7]])
  })
})

describe('an average weighted by a field: 案卷评查 by the files each review covered', () => {
  const reviewOf = (reviewId: string, score: number, files: number) =>
    fact('CaseFileReviewScored', 'a', { reviewId, score, files })
  const D3 = (metric: Record<string, unknown>) =>
    testScheme([
      {
        id: 'D3',
        name: '行政执法案卷评查平均分',
        max: 5,
        metric,
        scoring: {
          kind: 'bands',
          bands: [
            { gte: 90, points: 5 },
            { gte: 80, points: 4 },
            { gte: 70, points: 3 },
          ],
          else: 0,
        },
      },
    ])
  const g = given(unitRegistered('a'), reviewOf('big', 95, 10), reviewOf('small', 60, 1))

  it('weighs each review by its files: (95 × 10 + 60 × 1)/11 = 91.82 → 5 points, where the plain mean 77.50 gave 3', () => {
    const weighted = g
      .scoredWith(D3({ avg: 'CaseFileReviewScored', field: 'score', weight: 'files' }))
      .indicator('a', 'D3')
    expect(weighted).toMatchObject({ value: '91.82', points: '5.00' })
    const plain = g.scoredWith(D3({ avg: 'CaseFileReviewScored', field: 'score' })).indicator('a', 'D3')
    expect(plain).toMatchObject({ value: '77.50', points: '3.00' })
  })
  it('refuses a weight that is not a number field of the type, and a weight on another aggregate', () => {
    expect(() => D3({ avg: 'CaseFileReviewScored', field: 'score', weight: 'reviewId' })).toThrow(
      /权重字段 reviewId 不是数字/
    )
    expect(() => D3({ sum: 'CaseFileReviewScored', field: 'score', weight: 'files' })).toThrow(/weight/)
  })
})
