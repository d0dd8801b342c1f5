/**
 * Case metrics (SPEC §4 "Case metrics", issue 12): rates count cases, folded from their streams, not events.
 * Each `defect:` case failed under the v1 event metrics and passes on cases.
 */
import { describe, expect, it } from 'vitest'
import { caseOn, fact, times, unitRegistered } from '../testing/facts'
import { given, testScheme } from '../testing/scoring-spec'

const LIT = 'administrative_litigation'
const ARB = 'labor_arbitration'

describe('defect: a lawsuit lost at first instance and won on appeal is no loss', () => {
  const scheme = testScheme(
    [
      {
        id: 'E2',
        name: '行政诉讼败诉（每件扣2分）',
        max: 6,
        metric: { count: 'cases', by: 'decided', where: { kind: LIT, outcome: 'lost' } },
        scoring: { kind: 'deduct', per: 2 },
      },
    ],
    {
      rules: [
        {
          id: 'cap-lost',
          kind: 'gradeCap',
          name: '败诉2件以上不得评为优秀',
          maxGrade: '良好',
          when: { metric: { count: 'cases', by: 'decided', where: { kind: LIT, outcome: 'lost' } }, gte: 2 },
        },
      ],
    }
  )
  const g = given(
    unitRegistered('wangcang'),
    // Lost at first instance in May, won on appeal in September: the final judgment is a win.
    caseOn('wangcang', LIT, '2017-02-01', {
      caseId: 'appealed',
      decisions: [
        ['first', 'lost', '2017-05-01'],
        ['second', 'won', '2017-09-01'],
      ],
    }),
    caseOn('wangcang', LIT, '2017-03-01', {
      caseId: 'lost-for-good',
      decisions: [['first', 'lost', '2017-06-01']],
    })
  )
  const s = g.scoredWith(scheme)

  it('counts 1 lost case, not 2 lost decisions: 6 − 1 × 2 = 4.00', () => {
    expect(s.indicator('wangcang', 'E2')).toMatchObject({ value: '1.00', points: '4.00' })
  })
  it('names the lost case as the exception, by case id', () => {
    expect(s.indicator('wangcang', 'E2').exceptions).toEqual(['lost-for-good'])
    expect(s.indicator('wangcang', 'E2').explanation).toContain('计 1 件：lost-for-good')
  })
  it('does not fire "败诉2件以上" on one lost case', () => {
    expect(s.unit('wangcang').rulesFired).toEqual([])
    expect(s.unit('wangcang').rules[0]).toMatchObject({ id: 'cap-lost', fired: false, value: '1.00' })
  })
  it('as of 2017-08-31 (before the appeal) the first-instance loss still counts: 2 lost → 2.00', () => {
    expect(
      g.scoredWith(scheme, { asOf: '2017-08-31', basis: 'occurred' }).indicator('wangcang', 'E2')
    ).toMatchObject({
      value: '2.00',
      points: '2.00',
    })
  })
})

describe('defect: a first-instance loss upheld on appeal (维持原判 / 驳回上诉) is still a loss', () => {
  // The district scheme's E2: 胜诉率 = cases not lost / cases decided, by the case's final outcome.
  const NOT_LOST = ['lost', 'revoked', 'altered', 'confirmed_illegal', 'ordered_to_perform']
  const E2 = [
    {
      id: 'E2',
      name: '行政诉讼胜诉率',
      max: 5,
      metric: {
        ratio: [
          { count: 'cases', by: 'decided', where: { kind: LIT, outcome: { notIn: NOT_LOST } } },
          { count: 'cases', by: 'decided', where: { kind: LIT } },
        ],
      },
      scoring: { kind: 'bands', bands: [{ gte: 1, points: 5 }], else: 0 },
    },
  ]
  // Semantics 2 (scheme.ts): schemes published before it keep the old reading, below.
  const scheme = testScheme(E2, { semantics: 2 })
  const lawsuit = (caseId: string, ...decisions: Array<[string, string, string]>) =>
    caseOn('wangcang', LIT, '2017-02-01', { caseId, decisions })
  const scored = (...cases: ReturnType<typeof lawsuit>[]) =>
    given(unitRegistered('wangcang'), ...cases)
      .scoredWith(scheme)
      .indicator('wangcang', 'E2')

  it('counts a loss upheld at second instance as a loss: 0/1 → 0 points, the case named', () => {
    const e2 = scored(
      lawsuit('upheld-loss', ['first', 'lost', '2017-05-01'], ['second', 'upheld', '2017-09-01'])
    )
    expect(e2).toMatchObject({ value: '0.0000', points: '0.00', exceptions: ['upheld-loss'] })
  })
  it('counts a loss whose appeal was dismissed as a loss, and an act revoked then upheld on appeal as one too', () => {
    const e2 = scored(
      lawsuit('dismissed-appeal', ['first', 'lost', '2017-05-01'], ['second', 'dismissed', '2017-09-01']),
      lawsuit('revoked-upheld', ['first', 'revoked', '2017-05-01'], ['second', 'upheld', '2017-09-01'])
    )
    expect(e2).toMatchObject({ value: '0.0000', points: '0.00' })
    expect(e2.exceptions).toEqual(['dismissed-appeal', 'revoked-upheld'])
  })
  it('keeps a first-instance win whose appeal was dismissed a win: 1/1 → 5 points', () => {
    const e2 = scored(
      lawsuit('won-kept', ['first', 'won', '2017-05-01'], ['second', 'dismissed', '2017-09-01'])
    )
    expect(e2).toMatchObject({ value: '1.0000', points: '5.00' })
  })
  it('counts a 2017 loss upheld in 2018 as 2017’s loss only, not again in 2018', () => {
    const upheldNextYear = lawsuit('x', ['first', 'lost', '2017-06-01'], ['second', 'upheld', '2018-03-01'])
    const in2017 = scored(upheldNextYear)
    expect(in2017).toMatchObject({ value: '0.0000', exceptions: ['x'] })
    const in2018 = given(unitRegistered('wangcang'), upheldNextYear)
      .scoredWith(
        testScheme(E2, { schemeId: 't-2018', period: { from: '2018-01-01', to: '2018-12-31' }, semantics: 2 })
      )
      .indicator('wangcang', 'E2')
    // No lawsuit decided in 2018: the rate is undefined there, not a second loss.
    expect(in2018.exceptions).toEqual([])
    expect(in2018.value).toBeNull()
  })
  it('keeps the old reading for a scheme that states no semantics, so its published results still verify', () => {
    const e2 = given(
      unitRegistered('wangcang'),
      lawsuit('upheld-loss', ['first', 'lost', '2017-05-01'], ['second', 'upheld', '2017-09-01'])
    )
      .scoredWith(testScheme(E2))
      .indicator('wangcang', 'E2')
    expect(e2).toMatchObject({ value: '1.0000', points: '5.00' })
  })
  it('takes a retrial’s own outcome over the appeal it reverses: lost, upheld, then won at retrial → no loss', () => {
    const e2 = scored(
      lawsuit(
        'retried',
        ['first', 'lost', '2017-03-01'],
        ['second', 'upheld', '2017-06-01'],
        ['retrial', 'won', '2017-10-01']
      )
    )
    expect(e2).toMatchObject({ value: '1.0000', points: '5.00' })
  })
})

describe('defect: a case opened 2016-12-20 and closed 2017-01-10 belongs to 2017’s closure rate', () => {
  const closure = {
    id: 'F1',
    name: '仲裁结案率',
    max: 4,
    metric: {
      ratio: [
        { count: 'cases', where: { kind: ARB, closed: true } },
        { count: 'cases', where: { kind: ARB } },
      ],
    },
    scoring: {
      kind: 'bands',
      bands: [
        { gte: 0.95, points: 4 },
        { gte: 0.9, points: 3 },
        { gte: 0.8, points: 1 },
      ],
    },
  }
  const carried = caseOn('lizhou', ARB, '2016-12-20', { caseId: 'carried', closedOn: '2017-01-10' })
  const fresh = caseOn('lizhou', ARB, '2017-03-01', { caseId: 'fresh', closedOn: '2017-04-01' })

  it('gives 2/2 = 100%, never 2/1 = 200%', () => {
    const s = given(unitRegistered('lizhou'), carried, fresh).scoredWith(testScheme([closure]))
    expect(s.indicator('lizhou', 'F1')).toMatchObject({ value: '1.0000', points: '4.00', exceptions: [] })
    expect(s.indicator('lizhou', 'F1').explanation).toContain('结案 2 件 / 应结 2 件')
  })

  it('names the case still open: 2/3, 未结 1 件 open-case', () => {
    const s = given(
      unitRegistered('lizhou'),
      carried,
      fresh,
      caseOn('lizhou', ARB, '2017-11-01', { caseId: 'open-case' })
    ).scoredWith(testScheme([closure]))
    expect(s.indicator('lizhou', 'F1')).toMatchObject({
      value: '0.6667',
      points: '0.00',
      exceptions: ['open-case'],
    })
    expect(s.indicator('lizhou', 'F1').explanation).toContain('结案 2 件 / 应结 3 件，未结 1 件：open-case')
  })

  it('in 2016’s rate the carried case is open: closed after the period end does not count for 2016', () => {
    const s = given(unitRegistered('lizhou'), carried, fresh).scoredWith(
      testScheme([closure], { schemeId: 'test-2016', period: { from: '2016-01-01', to: '2016-12-31' } })
    )
    expect(s.indicator('lizhou', 'F1')).toMatchObject({ value: '0.0000', exceptions: ['carried'] })
  })

  it('the seed figure: 1071 closed of 1089 → 98.35%, 4 of the ≥95% band, the 18 open cases named', () => {
    const s = given(
      unitRegistered('lizhou'),
      times(1071, (i) => caseOn('lizhou', ARB, '2017-03-01', { caseId: `arb-${i}`, closedOn: '2017-05-01' })),
      times(18, (i) => caseOn('lizhou', ARB, '2017-12-01', { caseId: `open-${i}` }))
    ).scoredWith(testScheme([closure]))
    const f1 = s.indicator('lizhou', 'F1')
    expect(f1).toMatchObject({ value: '0.9835', points: '4.00' })
    expect(f1.exceptions).toEqual(times(18, (i) => `open-${i}`))
    expect(f1.explanation).toContain('结案 1071 件 / 应结 1089 件，未结 18 件：open-0、open-1')
    expect(f1.explanation).toContain('等 18 件')
    expect(f1.explanation).toContain('1071/1089 = 98.35%')
  })
})

describe('defect: 出庭应诉率 counts the lawsuits heard this year (年内在办且已开庭), not every lawsuit never closed', () => {
  const heard = { kind: LIT, hearingsInPeriod: { gte: 1 } }
  const scheme = testScheme([
    {
      id: 'E1',
      name: '行政机关负责人出庭应诉率',
      max: 6,
      metric: {
        ratio: [
          { count: 'cases', where: { ...heard, leaderAppearedAllInPeriod: true } },
          { count: 'cases', where: heard },
        ],
      },
      scoring: {
        kind: 'bands',
        bands: [
          { gte: 1, points: 6 },
          { gte: 0.9, points: 4 },
        ],
        else: 0,
      },
    },
  ])
  // Nine lawsuits of 2016, the leader at each hearing, decided and never closed (a lawsuit ends with its judgment).
  const old = times(9, (i) =>
    caseOn('lizhou', LIT, '2016-03-01', {
      caseId: `old-${i}`,
      hearings: [[true, '2016-05-01']],
      decisions: [['first', 'won', '2016-08-01']],
    })
  )
  const missed = caseOn('lizhou', LIT, '2017-03-01', { caseId: 'missed', hearings: [[false, '2017-05-01']] })

  it('rates 2017 on its one lawsuit heard, where the leader did not appear: 0/1 → 0, not 9/10 → 4', () => {
    const e1 = given(unitRegistered('lizhou'), old, missed).scoredWith(scheme).indicator('lizhou', 'E1')
    expect(e1).toMatchObject({ value: '0.0000', points: '0.00', exceptions: ['missed'] })
    expect(e1.explanation).toContain('负责人出庭应诉 0 件 / 开庭审理 1 件')
  })
  it('does not hold a 2016 hearing the leader missed against 2017, where the leader attended: 1/1 → 6', () => {
    const twice = caseOn('lizhou', LIT, '2016-10-01', {
      caseId: 'twice',
      hearings: [
        [false, '2016-11-01'],
        [true, '2017-04-01'],
      ],
    })
    const e1 = given(unitRegistered('lizhou'), twice).scoredWith(scheme).indicator('lizhou', 'E1')
    expect(e1).toMatchObject({ value: '1.0000', points: '6.00' })
  })
})

describe('defect: 按时答辩率 counts the defences of this year, not those of a lawsuit never closed', () => {
  const E4 = {
    id: 'E4',
    name: '按时提交答辩率',
    max: 3,
    metric: {
      ratio: [
        { count: 'cases', where: { kind: LIT, defenseOnTimeInPeriod: true } },
        { count: 'cases', where: { kind: LIT, defenseOnTimeInPeriod: [true, false] } },
      ],
    },
    scoring: { kind: 'bands', bands: [{ gte: 1, points: 3 }], else: 0 },
  }
  const defended = (caseId: string, openedOn: string, onTime: boolean) => [
    ...caseOn('lizhou', LIT, openedOn, { caseId }),
    fact('DefenseSubmitted', 'lizhou', { caseId, onTime }, openedOn.replace(/-01$/, '-10')),
  ]
  const late2016 = defended('late-2016', '2016-06-01', false)

  it('leaves a 2016 late defence out of 2017: 1/1 → 3 points, where the whole life gave 1/2 → 0', () => {
    const e4 = given(unitRegistered('lizhou'), late2016, defended('ok', '2017-04-01', true))
      .scoredWith(testScheme([E4]))
      .indicator('lizhou', 'E4')
    expect(e4).toMatchObject({ value: '1.0000', points: '3.00', exceptions: [] })
  })
  it('counts it in 2016: 0/1, the late case named', () => {
    const e4 = given(unitRegistered('lizhou'), late2016)
      .scoredWith(testScheme([E4], { schemeId: 't-2016', period: { from: '2016-01-01', to: '2016-12-31' } }))
      .indicator('lizhou', 'E4')
    expect(e4).toMatchObject({ value: '0.0000', exceptions: ['late-2016'] })
  })
})

describe('defect: 出庭应诉率 counts lawsuits only (where kind: administrative_litigation)', () => {
  const e1 = (metric: unknown) =>
    testScheme([
      {
        id: 'E1',
        name: '负责人出庭应诉率',
        max: 6,
        metric,
        scoring: {
          kind: 'bands',
          bands: [
            { gte: 1, points: 6 },
            { gte: 0.9, points: 4 },
          ],
        },
        whenUndefined: 'full',
      },
    ])
  const byCase = e1({
    ratio: [
      { count: 'cases', where: { kind: LIT, hearings: { gte: 1 }, leaderAppearedAll: true } },
      { count: 'cases', where: { kind: LIT, hearings: { gte: 1 } } },
    ],
  })
  const lawsuit = caseOn('jiange', LIT, '2017-02-01', { caseId: 'suit', hearings: [[true, '2017-04-01']] })
  const arbitration = caseOn('jiange', ARB, '2017-02-01', {
    caseId: 'arb',
    hearings: [[false, '2017-04-02']],
  })

  it('an arbitration hearing without the chief does not pull the lawsuit rate: 1/1 → 6', () => {
    const s = given(unitRegistered('jiange'), lawsuit, arbitration).scoredWith(byCase)
    expect(s.indicator('jiange', 'E1')).toMatchObject({ value: '1.0000', points: '6.00', exceptions: [] })
  })

  it('names the lawsuit whose hearing the leader missed: 1/2 → 0, exception suit-2', () => {
    const s = given(
      unitRegistered('jiange'),
      lawsuit,
      arbitration,
      caseOn('jiange', LIT, '2017-02-03', {
        caseId: 'suit-2',
        hearings: [
          [true, '2017-05-01'],
          [false, '2017-06-01'],
        ],
      })
    ).scoredWith(byCase)
    expect(s.indicator('jiange', 'E1')).toMatchObject({
      value: '0.5000',
      points: '0.00',
      exceptions: ['suit-2'],
    })
    expect(s.indicator('jiange', 'E1').explanation).toContain('负责人出庭应诉 1 件 / 开庭审理 2 件')
  })

  it('on hearing events filtered by case.kind, the exception is the hearing the leader missed', () => {
    const g = given(
      unitRegistered('jiange'),
      lawsuit,
      arbitration,
      caseOn('jiange', LIT, '2017-02-03', { caseId: 'suit-3', hearings: [[false, '2017-05-01']] })
    )
    const s = g.scoredWith(
      e1({
        ratio: [
          { count: 'HearingHeld', where: { 'case.kind': LIT, leaderAppeared: true } },
          { count: 'HearingHeld', where: { 'case.kind': LIT } },
        ],
      })
    )
    const missed = g.log.ids().at(-1)
    expect(s.indicator('jiange', 'E1')).toMatchObject({ value: '0.5000', exceptions: [missed] })
    expect(s.indicator('jiange', 'E1').explanation).toContain(
      '负责人出庭 1 次 / 开庭 2 次，负责人未出庭 1 次'
    )
  })
})

describe('defect: a closing counted for December (countsOn) is closed in the rate’s numerator as in its cohort', () => {
  const INS = 'labor_inspection'
  const D4 = [
    {
      id: 'D4',
      name: '劳动保障监察结案率',
      max: 3,
      metric: {
        ratio: [
          { count: 'cases', by: 'active', where: { kind: INS, closedOn: { lte: '2017-12-31' } } },
          { count: 'cases', by: 'active', where: { kind: INS } },
        ],
      },
      scoring: { kind: 'bands', bands: [{ gte: 0.9, points: 3 }], else: 0 },
    },
  ]
  // Closed 2018-01-10, counted for 2017-12-31 by the city (a countsOn the 考核组 need not verify).
  const late = caseOn('a', INS, '2017-10-01', { caseId: 'late', closedOn: '2018-01-10' }).map((l) =>
    l.type === 'CaseClosed' ? { ...l, data: { ...l.data, countsOn: '2017-12-31' } } : l
  )
  const g = given(unitRegistered('a'), late)

  it('counts it closed in 2017: 1/1 → 3 points, where it was open in 2017 and absent from 2018', () => {
    const d4 = g.scoredWith(testScheme(D4, { semantics: 2 })).indicator('a', 'D4')
    expect(d4).toMatchObject({ value: '1.0000', points: '3.00', exceptions: [] })
  })
  it('keeps the old reading (closedOn its occurredOn) for a scheme that states no semantics: 0/1', () => {
    expect(g.scoredWith(testScheme(D4)).indicator('a', 'D4')).toMatchObject({
      value: '0.0000',
      exceptions: ['late'],
    })
  })
})

describe('case attributes and by', () => {
  const count = (id: string, metric: Record<string, unknown>) => ({
    id,
    name: id,
    max: 1,
    metric: { count: 'cases', ...metric },
    scoring: { kind: 'linear', target: 1 },
  })
  const scheme = testScheme([
    count('opened', { by: 'opened' }),
    count('closed', { by: 'closed' }),
    count('decided', { by: 'decided' }),
    count('active', {}),
    count('performed', { where: { performed: true } }),
    count('onTime', { where: { defenseOnTime: true } }),
    count('noDefence', { where: { defenseOnTime: { ne: true } } }),
    count('mediated', { where: { resolution: 'mediated' } }),
  ])
  const s = given(
    unitRegistered('a'),
    // Closed in 2016: not active in 2017.
    caseOn('a', ARB, '2016-03-01', { closedOn: '2016-05-01' }),
    // Opened 2016, decided and closed 2017, mediated.
    caseOn('a', ARB, '2016-11-01', { closedOn: '2017-02-01', resolution: 'mediated' }),
    // Opened 2017, lost and performed, a defence on time.
    [
      ...caseOn('a', LIT, '2017-02-01', { caseId: 'p', decisions: [['first', 'lost', '2017-06-01']] }),
      fact('DefenseSubmitted', 'a', { caseId: 'p', onTime: true }, '2017-02-15'),
      fact('RulingPerformed', 'a', { caseId: 'p' }, '2017-07-01'),
    ],
    // Opened 2018: outside.
    caseOn('a', LIT, '2018-01-05')
  ).scoredWith(scheme)
  const v = (id: string) => s.indicator('a', id).value

  it('puts cases in the period by opened (1), closed (1), decided (1), active (2)', () => {
    expect([v('opened'), v('closed'), v('decided'), v('active')]).toEqual(['1.00', '1.00', '1.00', '2.00'])
  })
  it('folds performed, defenseOnTime (null when none) and resolution', () => {
    expect([v('performed'), v('onTime'), v('noDefence'), v('mediated')]).toEqual([
      '1.00',
      '1.00',
      '1.00',
      '1.00',
    ])
  })
})

describe('the seed’s 胜诉率 on cases: 30 won of 31 decided = 96.77% in the ≥96% band', () => {
  const winRate = testScheme([
    {
      id: 'W',
      name: '行政诉讼胜诉率',
      max: 5,
      metric: {
        ratio: [
          { count: 'cases', by: 'decided', where: { kind: LIT, outcome: 'won' } },
          { count: 'cases', by: 'decided', where: { kind: LIT } },
        ],
      },
      scoring: { kind: 'bands', bands: [{ gte: 0.96, points: 5 }], else: 2 },
    },
  ])
  const suits = (won: number, lost: number) => [
    ...times(won, () => caseOn('jiange', LIT, '2017-02-01', { decisions: [['first', 'won', '2017-05-01']] })),
    ...times(lost, () =>
      caseOn('jiange', LIT, '2017-02-01', { decisions: [['first', 'lost', '2017-05-01']] })
    ),
  ]
  it('30/31 → 0.9677, 5 points', () => {
    const s = given(unitRegistered('jiange'), suits(30, 1)).scoredWith(winRate)
    expect(s.indicator('jiange', 'W')).toMatchObject({ value: '0.9677', points: '5.00' })
    expect(s.indicator('jiange', 'W').explanation).toContain('胜诉 30 件 / 审结 31 件，未胜诉 1 件')
  })
  it('24/25 is exactly 96% and passes; 23/24 does not', () => {
    expect(
      given(unitRegistered('jiange'), suits(24, 1)).scoredWith(winRate).indicator('jiange', 'W').points
    ).toBe('5.00')
    expect(
      given(unitRegistered('jiange'), suits(23, 1)).scoredWith(winRate).indicator('jiange', 'W').points
    ).toBe('2.00')
  })
})
