import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { readLog } from '../log/read-log'
import { CALENDAR_2017 } from '../testing/calendar-2017'
import { fact, training, unitRegistered } from '../testing/facts'
import { logBuilder } from '../testing/log-builder'
import { given, testScheme } from '../testing/scoring-spec'
import { memorySource } from './log-source'
import { type EvaluationCache, outcomeMemos, type Scored, scoreAt, scoreSource } from './score-at'

const studies = testScheme([
  {
    id: 'B1',
    name: '学法 ≥4次',
    max: 4,
    metric: { count: 'TrainingHeld' },
    scoring: { kind: 'linear', target: 4 },
  },
])

const at = (recordedAt: string, line: ReturnType<typeof training>) => ({ ...line, recordedAt })

describe('time travel', () => {
  // Two studies recorded in March, a third recorded in July for a session held in June.
  const g = given(
    at('2017-01-05T01:00:00Z', unitRegistered('jiange')),
    at('2017-03-02T01:00:00Z', training('jiange', 'lecture', {}, '2017-03-01')),
    at('2017-03-20T01:00:00Z', training('jiange', 'lecture', {}, '2017-03-18')),
    at('2017-07-03T01:00:00Z', training('jiange', 'lecture', {}, '2017-06-20'))
  )

  it('on the recorded basis sees only what had been recorded by then: 2 studies on 2017-06-30', () => {
    const s = g.scoredWith(studies, { asOf: '2017-06-30' })
    expect(s.indicator('jiange', 'B1').value).toBe('2.00')
    // A bare date means the end of that day in Beijing.
    expect(s.result).toMatchObject({ asOf: '2017-06-30T15:59:59.999Z', basis: 'recorded' })
  })

  it('on the occurred basis counts everything recorded since that occurred by then: 3 studies by 2017-06-30', () => {
    const s = g.scoredWith(studies, { asOf: '2017-06-30', basis: 'occurred' })
    expect(s.indicator('jiange', 'B1').value).toBe('3.00')
    expect(s.result).toMatchObject({ asOf: '2017-06-30', basis: 'occurred' })
  })

  it('defaults asOf to the last recorded instant', () => {
    expect(g.scoredWith(studies).result.asOf).toBe('2017-07-03T01:00:00.000Z')
  })

  it('rejects an asOf that is neither a date nor an instant', () => {
    const events = readLog(g.log.text())
    if (E.isLeft(events)) throw new Error('bad log')
    const r = scoreAt(events.right, { schemeId: 'test-2017', given: [studies], asOf: '2017-02-30' })
    expect(E.isLeft(r) && r.left._tag).toBe('InvalidAsOf')
  })
})

describe('retractions', () => {
  const log = logBuilder().add(
    at('2017-01-05T01:00:00Z', unitRegistered('jiange')),
    at('2017-03-02T01:00:00Z', training('jiange', 'lecture')),
    at('2017-03-03T01:00:00Z', training('jiange', 'lecture'))
  )
  const wrong = log.ids()[2]!
  log.add(
    at('2017-09-01T01:00:00Z', fact('EventRetracted', 'jiange', { targetEventId: wrong, reason: '重复录入' }))
  )
  const score = (asOf?: string) => {
    const events = readLog(log.text())
    if (E.isLeft(events)) throw new Error('bad log')
    const r = scoreAt(events.right, { schemeId: 'test-2017', given: [studies], asOf })
    if (E.isLeft(r)) throw new Error(r.left._tag)
    return r.right.units[0]!.categories[0]!.indicators[0]!
  }

  it('stops counting a retracted event from the retraction on', () => {
    expect(score()).toMatchObject({ value: '1.00', events: [log.ids()[1]] })
  })
  it('still counts it as of a date before the retraction was recorded', () => {
    expect(score('2017-08-31').value).toBe('2.00')
  })
})

describe('scheme versions', () => {
  const v1 = {
    schemeId: 'guangyuan-districts-2017',
    version: 1,
    title: '2017年度考核办法',
    appliesTo: 'district',
    period: { from: '2017-01-01', to: '2017-12-31' },
    categories: [
      {
        id: 'c',
        name: '学法',
        max: 4,
        indicators: [
          {
            id: 'B1',
            name: '学法 ≥4次',
            max: 4,
            metric: { count: 'TrainingHeld' },
            scoring: { kind: 'linear', target: 4 },
          },
        ],
      },
    ],
    grades: [{ name: '合格', min: 0 }],
  }
  const v2 = {
    ...v1,
    version: 2,
    categories: [
      {
        ...v1.categories[0]!,
        indicators: [{ ...v1.categories[0]!.indicators[0]!, scoring: { kind: 'linear', target: 2 } }],
      },
    ],
  }
  const log = logBuilder().add(
    at('2017-01-02T01:00:00Z', {
      type: 'SchemePublished',
      data: { schemeId: v1.schemeId, version: 1, scheme: v1 },
    }),
    at('2017-01-05T01:00:00Z', unitRegistered('jiange')),
    at('2017-03-02T01:00:00Z', training('jiange', 'lecture')),
    at('2017-06-01T01:00:00Z', {
      type: 'SchemePublished',
      data: { schemeId: v1.schemeId, version: 2, scheme: v2 },
    })
  )
  const events = readLog(log.text())
  const score = (asOf?: string, version?: number) => {
    if (E.isLeft(events)) throw new Error('bad log')
    const r = scoreAt(events.right, { schemeId: v1.schemeId, asOf, version })
    if (E.isLeft(r)) throw new Error(r.left._tag)
    return r.right
  }

  it('scores under the version in force at asOf: v1 in May (1 of 4 → 1.00), v2 from June (1 of 2 → 2.00)', () => {
    expect([score('2017-05-31').version, score('2017-05-31').units[0]?.total]).toEqual([1, '1.00'])
    expect([score().version, score().units[0]?.total]).toEqual([2, '2.00'])
  })
  it('scores under another version on request (what-if), even one published after asOf', () => {
    expect(score('2017-05-31', 2)).toMatchObject({ version: 2, units: [{ total: '2.00' }] })
  })
  it('reports an unknown version with the versions that exist', () => {
    if (E.isLeft(events)) throw new Error('bad log')
    const r = scoreAt(events.right, { schemeId: v1.schemeId, version: 7 })
    expect(r).toEqual(E.left({ _tag: 'VersionNotFound', schemeId: v1.schemeId, version: 7, known: [1, 2] }))
  })
  it('knows no scheme before its first publication', () => {
    if (E.isLeft(events)) throw new Error('bad log')
    expect(scoreAt(events.right, { schemeId: v1.schemeId, asOf: '2017-01-01' })).toEqual(
      E.left({ _tag: 'SchemeNotFound', schemeId: v1.schemeId })
    )
  })
})

describe('adjustments and ranking', () => {
  const adjust = (unitId: string, points: number, schemeId = 'test-2017') =>
    fact('PointsAdjusted', unitId, {
      schemeId,
      indicatorId: 'B1',
      points,
      reason: '满意度测评',
      approvedBy: '局务会',
    })

  it('adds PointsAdjusted of this scheme to the total and lists them; other schemes’ are ignored', () => {
    const g = given(unitRegistered('a'), training('a', 'lecture'), adjust('a', -0.5), adjust('a', 2, 'other'))
    const u = g.scoredWith(studies).unit('a')
    expect(u.total).toBe('0.50')
    expect(u.adjustments).toEqual({
      points: '-0.50',
      items: [
        {
          event: g.log.ids()[2],
          indicatorId: 'B1',
          points: '-0.50',
          applied: '-0.50',
          reason: '满意度测评',
          approvedBy: '局务会',
          source: 'PointsAdjusted',
        },
      ],
    })
  })

  it('ranks competition-style (1, 2, 2, 4) with ties listed by unitId', () => {
    const s = given(
      ['d', 'c', 'b', 'a'].map((u) => unitRegistered(u)),
      [
        training('a', 'lecture'),
        training('b', 'lecture'),
        training('b', 'lecture'),
        training('c', 'lecture'),
        training('c', 'lecture'),
        training('d', 'lecture'),
        training('d', 'lecture'),
        training('d', 'lecture'),
      ]
    ).scoredWith(studies)
    expect(s.result.units.map((u) => [u.rank, u.unitId, u.total])).toEqual([
      [1, 'd', '3.00'],
      [2, 'b', '2.00'],
      [2, 'c', '2.00'],
      [4, 'a', '1.00'],
    ])
  })

  it('is deterministic: the same events and scheme give byte-identical JSON', () => {
    const g = given(unitRegistered('a'), unitRegistered('b'), training('a', 'lecture'))
    expect(JSON.stringify(g.scoredWith(studies).result)).toBe(JSON.stringify(g.scoredWith(studies).result))
  })
})

describe('cached evaluations and deadlines (projections score like replay)', () => {
  const contest = testScheme([
    {
      id: 'C4',
      name: '7月底前举办知识竞赛',
      max: 2,
      metric: { earliest: 'PublicityHeld', where: { kind: 'contest' } },
      scoring: { kind: 'deadline', due: '2017-07-31', perDayLate: 0.1 },
    },
  ])
  const log = logBuilder().add(
    at('2017-01-05T01:00:00Z', unitRegistered('a')),
    at('2017-01-05T01:01:00Z', unitRegistered('b')),
    at('2017-07-01T01:00:00Z', training('b', 'lecture'))
  )
  const read = () => {
    const events = readLog(log.text())
    if (E.isLeft(events)) throw new Error('bad log')
    return events.right
  }
  const c4 = (r: E.Either<unknown, Scored>) =>
    E.isRight(r)
      ? r.right.result.units.find((u) => u.unitId === 'a')!.categories[0]!.indicators[0]!
      : undefined

  it('re-evaluates a cached unit once a deadline passes, though none of its own events arrived', () => {
    const cache: EvaluationCache = new Map()
    expect(
      c4(scoreSource(memorySource(read()), { schemeId: 'test-2017', given: [contest] }, cache))
    ).toMatchObject({
      status: 'pending',
    })
    // Another unit records on 5 August: the log's day is past the due date, a's entry stays in the cache.
    log.add(at('2017-08-05T01:00:00Z', training('b', 'lecture')))
    cache.delete('test-2017@1/b')
    const cached = scoreSource(memorySource(read()), { schemeId: 'test-2017', given: [contest] }, cache)
    const fresh = scoreSource(memorySource(read()), { schemeId: 'test-2017', given: [contest] })
    expect(c4(cached)).toMatchObject({ status: 'scored', points: '0.00' })
    expect(JSON.stringify(E.isRight(cached) && cached.right.result)).toBe(
      JSON.stringify(E.isRight(fresh) && fresh.right.result)
    )
  })
})

describe('cached evaluations and time limits (a case becomes overdue on a day no event of its unit marks)', () => {
  const ins = testScheme(
    [
      {
        id: 'D5',
        name: '监察按期结案率',
        max: 3,
        metric: {
          ratio: [
            {
              count: 'cases',
              by: 'closedOrOverdue',
              where: { kind: 'labor_inspection', closedOnTime: true },
            },
            { count: 'cases', by: 'closedOrOverdue', where: { kind: 'labor_inspection' } },
          ],
        },
        scoring: { kind: 'bands', bands: [{ gte: 1, points: 3 }] },
      },
    ],
    // 30 calendar days from 2017-06-01: 2017-07-01 is a Saturday, so the last day is Monday 2017-07-03.
    { timeLimits: { labor_inspection: { days: 30 } }, calendar: CALENDAR_2017 }
  )
  const log = logBuilder().add(
    at('2017-01-05T01:00:00Z', unitRegistered('a')),
    at('2017-01-05T01:01:00Z', unitRegistered('b')),
    at(
      '2017-06-01T01:00:00Z',
      fact('CaseOpened', 'a', { caseId: 'c1', kind: 'labor_inspection' }, '2017-06-01')
    ),
    at(
      '2017-06-02T01:00:00Z',
      fact('CaseOpened', 'a', { caseId: 'c2', kind: 'labor_inspection' }, '2017-06-02')
    ),
    at('2017-06-05T01:00:00Z', fact('CaseClosed', 'a', { caseId: 'c2', withinTimeLimit: true }, '2017-06-05'))
  )
  const read = () => {
    const events = readLog(log.text())
    if (E.isLeft(events)) throw new Error('bad log')
    return events.right
  }
  const d5 = (r: E.Either<unknown, Scored>) =>
    E.isRight(r)
      ? r.right.result.units.find((u) => u.unitId === 'a')!.categories[0]!.indicators[0]!
      : undefined

  it('re-evaluates the unit once the log’s day passes the case’s last day, with the runner’s cache and memos', () => {
    const cache: EvaluationCache = new Map()
    const memos = outcomeMemos()
    // Like the runner's event cache: each unit's list grows in place and keeps its events' objects, so the fold
    // keeps its facts and a memo would answer from them if it did not know the day matters.
    let events: ReturnType<typeof read> = []
    const lists = new Map<string, Array<(typeof events)[number]>>()
    const current = () => {
      events = [...events, ...read().slice(events.length)]
      const base = memorySource(events)
      const unitEvents = (unitId: string, ms?: number) => {
        const all = base.unitEvents(unitId, ms)
        const list = lists.get(unitId) ?? []
        lists.set(unitId, list)
        for (let i = list.length; i < all.length; i++) list.push(all[i]!)
        return list
      }
      return scoreSource({ ...base, unitEvents }, { schemeId: 'test-2017', given: [ins] }, cache, memos)
    }
    // 2017-07-03: c1's last day, not yet overdue — 1/1.
    log.add(at('2017-07-03T01:00:00Z', training('b', 'lecture', {}, '2017-07-03')))
    cache.delete('test-2017@1/b')
    expect(d5(current())).toMatchObject({ value: '1.0000', points: '3.00' })
    // Unit b records on 2017-07-04: a's cached entry and memo must not survive the day c1 became overdue.
    log.add(at('2017-07-04T01:00:00Z', training('b', 'lecture', {}, '2017-07-04')))
    cache.delete('test-2017@1/b')
    const cached = current()
    expect(d5(cached)).toMatchObject({ value: '0.5000', points: '0.00', exceptions: ['c1'] })
    const fresh = scoreSource(memorySource(read()), { schemeId: 'test-2017', given: [ins] })
    expect(JSON.stringify(E.isRight(cached) && cached.right.result)).toBe(
      JSON.stringify(E.isRight(fresh) && fresh.right.result)
    )
  })
})
