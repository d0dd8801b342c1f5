import { describe, expect, it } from 'vitest'
import { caseWith, notification, times, training, unitRegistered, veto } from '../testing/facts'
import { given, testScheme } from '../testing/scoring-spec'

const RULES = [
  {
    id: 'cap-lost',
    kind: 'gradeCap',
    name: '败诉2件以上不得评为优秀',
    maxGrade: '良好',
    when: { metric: { count: 'CaseDecided', where: { outcome: 'lost' } }, gte: 2 },
  },
  {
    id: 'zero-publicity',
    kind: 'zero',
    scope: 'total',
    name: '因政策法规宣传不到位被省厅通报并限期整改的，计0分',
    when: {
      metric: {
        count: 'NotificationReceived',
        where: { issuer: 'province', reason: 'policy_publicity_inadequate', rectificationRequired: true },
      },
      gte: 1,
    },
  },
  { id: 'veto', kind: 'veto', name: '一票否决', when: { metric: { count: 'VetoIncidentRecorded' }, gte: 1 } },
]
const scheme = testScheme(
  [
    {
      id: 'B1',
      name: '学法',
      max: 100,
      metric: { count: 'TrainingHeld' },
      scoring: { kind: 'linear', target: 10 },
    },
  ],
  { rules: RULES }
)

const studies = (unit: string, n: number) => times(n, () => training(unit, 'lecture'))

describe('special rules', () => {
  it('zeroes the whole score of a county notified by the province for poor publicity (seed 003: cangxi)', () => {
    const s = given(
      unitRegistered('cangxi'),
      studies('cangxi', 10),
      notification('cangxi', 'policy_publicity_inadequate')
    ).scoredWith(scheme)
    const u = s.unit('cangxi')
    expect(u).toMatchObject({ total: '0.00', zeroed: true, grade: '不合格' })
    expect(u.rulesFired).toMatchObject([{ id: 'zero-publicity', kind: 'zero' }])
    expect(u.rulesFired[0]?.events).toHaveLength(1)
    // The categories stay visible: the auditor sees what was earned before the rule.
    expect(u.categories[0]?.points).toBe('100.00')
  })

  it('does not zero for a notice of another reason or one without rectification', () => {
    const s = given(
      unitRegistered('wangcang'),
      studies('wangcang', 10),
      notification('wangcang', 'other_reason'),
      notification('wangcang', 'policy_publicity_inadequate', 'province', false)
    ).scoredWith(scheme)
    expect(s.unit('wangcang')).toMatchObject({ total: '100.00', zeroed: false, rulesFired: [] })
  })

  it('vetoes: grade 不合格 and ranked after every other unit despite the higher total', () => {
    const s = given(
      unitRegistered('chaotian'),
      studies('chaotian', 10),
      veto('chaotian'),
      unitRegistered('jiange'),
      studies('jiange', 5)
    ).scoredWith(scheme)
    expect(s.result.units.map((u) => [u.unitId, u.rank, u.total, u.grade, u.vetoed])).toEqual([
      ['jiange', 1, '50.00', '不合格', false],
      ['chaotian', 2, '100.00', '不合格', true],
    ])
  })

  it('caps the grade: 2 lawsuits lost keep a total of 95 at 良好', () => {
    const s = given(
      unitRegistered('wangcang'),
      studies('wangcang', 10),
      times(2, () => caseWith('wangcang', 'administrative_litigation', { decided: 'lost' }))
    ).scoredWith(
      testScheme(
        [
          {
            id: 'B1',
            name: '学法',
            max: 95,
            metric: { count: 'TrainingHeld' },
            scoring: { kind: 'linear', target: 10 },
          },
        ],
        { rules: RULES }
      )
    )
    expect(s.unit('wangcang')).toMatchObject({ total: '95.00', grade: '良好' })
    expect(s.unit('wangcang').rulesFired.map((r) => r.id)).toEqual(['cap-lost'])
  })

  it('names the events that fired a rule, with the rule’s name and the value that fired it', () => {
    const g = given(unitRegistered('chaotian'), veto('chaotian'))
    const s = g.scoredWith(scheme)
    expect(s.unit('chaotian').rulesFired).toEqual([
      {
        id: 'veto',
        kind: 'veto',
        name: '一票否决',
        value: '1.00',
        explanation: '取值 1，条件 ≥ 1，已触发',
        events: [g.log.ids()[1]],
      },
    ])
  })

  it('lists the rules that did not fire as 未触发, with their value', () => {
    const s = given(unitRegistered('jiange'), studies('jiange', 10)).scoredWith(scheme)
    expect(s.unit('jiange').rulesFired).toEqual([])
    expect(s.unit('jiange').rules.map((r) => [r.id, r.name, r.fired, r.value, r.explanation])).toEqual([
      ['veto', '一票否决', false, '0.00', '未触发：取值 0，条件 ≥ 1'],
      [
        'zero-publicity',
        '因政策法规宣传不到位被省厅通报并限期整改的，计0分',
        false,
        '0.00',
        '未触发：取值 0，条件 ≥ 1',
      ],
      ['cap-lost', '败诉2件以上不得评为优秀', false, '0.00', '未触发：取值 0，条件 ≥ 2'],
    ])
  })

  it('applies rules in the order veto, zero, gradeCap whatever order the scheme lists them', () => {
    const s = given(
      unitRegistered('a'),
      studies('a', 10),
      veto('a'),
      notification('a', 'policy_publicity_inadequate'),
      times(2, () => caseWith('a', 'administrative_litigation', { decided: 'lost' }))
    ).scoredWith(scheme)
    expect(s.unit('a').rulesFired.map((r) => r.kind)).toEqual(['veto', 'zero', 'gradeCap'])
    expect(s.unit('a')).toMatchObject({ vetoed: true, zeroed: true, total: '0.00', grade: '不合格' })
  })
})

describe('zero on one category', () => {
  it('zeroes only that category and recomputes the total', () => {
    const two = testScheme([], {
      categories: [
        {
          id: 'org',
          name: '组织',
          max: 50,
          indicators: [
            { id: 'o', name: 'o', max: 50, metric: { count: 'TrainingHeld' }, scoring: { kind: 'flag' } },
          ],
        },
        {
          id: 'pub',
          name: '普法',
          max: 50,
          indicators: [
            { id: 'p', name: 'p', max: 50, metric: { count: 'TrainingHeld' }, scoring: { kind: 'flag' } },
          ],
        },
      ],
      rules: [
        {
          id: 'z',
          kind: 'zero',
          scope: 'pub',
          name: '普法计0分',
          when: { metric: { count: 'NotificationReceived' }, gte: 1 },
        },
      ],
    })
    const s = given(unitRegistered('a'), studies('a', 1), notification('a', 'x')).scoredWith(two)
    expect(s.unit('a').categories.map((c) => c.points)).toEqual(['50.00', '0.00'])
    expect(s.unit('a')).toMatchObject({ total: '50.00', zeroed: false })
  })
})

describe('rule tests gt and lt (SPEC v2)', () => {
  const capWhen = (when: Record<string, unknown>) =>
    testScheme(
      [
        {
          id: 'B1',
          name: '学法',
          max: 100,
          metric: { count: 'TrainingHeld' },
          scoring: { kind: 'linear', target: 10 },
        },
      ],
      {
        rules: [
          {
            id: 'few',
            kind: 'gradeCap',
            name: '学法少于3次不得评为优秀',
            maxGrade: '良好',
            when: { metric: { count: 'TrainingHeld' }, ...when },
          },
        ],
      }
    )
  it('fires `lt 3` on 2 studies and not on 3', () => {
    const two = given(unitRegistered('a'), studies('a', 2)).scoredWith(capWhen({ lt: 3 }))
    expect(two.unit('a').rulesFired).toMatchObject([
      { id: 'few', name: '学法少于3次不得评为优秀', value: '2.00' },
    ])
    const three = given(unitRegistered('a'), studies('a', 3)).scoredWith(capWhen({ lt: 3 }))
    expect(three.unit('a').rulesFired).toEqual([])
  })
  it('fires `gt 2` on 3 and not on 2 (strict)', () => {
    expect(
      given(unitRegistered('a'), studies('a', 3))
        .scoredWith(capWhen({ gt: 2 }))
        .unit('a').rulesFired
    ).toHaveLength(1)
    expect(
      given(unitRegistered('a'), studies('a', 2))
        .scoredWith(capWhen({ gt: 2 }))
        .unit('a').rulesFired
    ).toHaveLength(0)
  })
})

describe('a rule on a metric with no value (合格率低于85%的，不得评为优秀, and no exam sat)', () => {
  const exam = (attendees: number, passed: number) =>
    training('a', 'law_exam', { attendees, passed, sessionId: `exam-${attendees}-${passed}` })
  const capped = (whenUndefined?: 'fire') =>
    testScheme(
      [{ id: 'B1', name: '学法', max: 100, metric: { count: 'TrainingHeld' }, scoring: { kind: 'flag' } }],
      {
        rules: [
          {
            id: 'cap-law-exam',
            kind: 'gradeCap',
            name: '学法考试合格率低于85%的，不得评为优秀',
            maxGrade: '良好',
            ...(whenUndefined ? { whenUndefined } : {}),
            when: {
              metric: {
                ratio: [
                  { sum: 'TrainingHeld', field: 'passed', where: { kind: 'law_exam' } },
                  { sum: 'TrainingHeld', field: 'attendees', where: { kind: 'law_exam' } },
                ],
              },
              lt: 0.85,
            },
          },
        ],
      }
    )
  const noExam = given(unitRegistered('a'), training('a', 'lecture'))

  it('fires with whenUndefined "fire" when no exam was sat: 100 points, 良好, not 优秀', () => {
    const u = noExam.scoredWith(capped('fire'), { asOf: '2018-02-01', basis: 'occurred' }).unit('a')
    expect(u).toMatchObject({ total: '100.00', grade: '良好' })
    expect(u.rulesFired).toMatchObject([{ id: 'cap-law-exam', value: null }])
    expect(u.rulesFired[0]!.explanation).toBe('取值无法计算（分母为 0），按规定视为触发（条件 < 85.00%）')
  })
  it('waits for the period’s end: in August, a unit that has not sat the year’s exam yet is not capped', () => {
    const midYear = noExam.scoredWith(capped('fire'), { asOf: '2017-08-01', basis: 'occurred' }).unit('a')
    expect(midYear).toMatchObject({ grade: '优秀', rulesFired: [] })
  })
  it('is a grade cap’s only: a veto or zero rule cannot fire on a unit’s silence (the scheme is refused)', () => {
    const veto = { id: 'v', kind: 'veto', name: '否决', whenUndefined: 'fire', when: { metric: 'x', gte: 1 } }
    expect(() =>
      testScheme(
        [{ id: 'B1', name: '学法', max: 1, metric: { count: 'TrainingHeld' }, scoring: { kind: 'flag' } }],
        {
          rules: [{ ...veto, when: { metric: { count: 'VetoIncidentRecorded' }, gte: 1 } }],
        }
      )
    ).toThrow(/whenUndefined/)
  })
  it('does not fire without it (the unit that sat no exam escapes the cap: 优秀)', () => {
    expect(noExam.scoredWith(capped()).unit('a')).toMatchObject({ grade: '优秀', rulesFired: [] })
  })
  it('reads a value as before with it: 84 of 100 fires, 85 of 100 does not', () => {
    const at = (passed: number) =>
      given(unitRegistered('a'), exam(100, passed)).scoredWith(capped('fire')).unit('a').grade
    expect([at(84), at(85)]).toEqual(['良好', '优秀'])
  })
})
