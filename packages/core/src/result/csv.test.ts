import { describe, expect, it } from 'vitest'
import { caseOn, fact, unitRegistered } from '../testing/facts'
import { given, testScheme } from '../testing/scoring-spec'
import { unitToCsv } from './csv'

describe('unit CSV carries the words of the Result', () => {
  const scheme = testScheme(
    [
      {
        id: 'F1',
        name: '仲裁结案率',
        max: 4,
        metric: {
          ratio: [
            { count: 'cases', where: { kind: 'labor_arbitration', closed: true } },
            { count: 'cases', where: { kind: 'labor_arbitration' } },
          ],
        },
        scoring: { kind: 'bands', bands: [{ gte: 0.5, points: 4 }] },
      },
    ],
    {
      rules: [
        {
          id: 'veto',
          kind: 'veto',
          name: '一票否决',
          when: { metric: { count: 'VetoIncidentRecorded' }, gte: 1 },
        },
      ],
    }
  )
  const s = given(
    unitRegistered('lizhou', '利州区'),
    caseOn('lizhou', 'labor_arbitration', '2017-02-01', { caseId: 'done', closedOn: '2017-03-01' }),
    caseOn('lizhou', 'labor_arbitration', '2017-02-01', { caseId: 'open-1' }),
    fact('PointsAdjusted', 'lizhou', {
      schemeId: 'test-2017',
      indicatorId: 'F1',
      points: 9,
      reason: '复核',
      approvedBy: '局务会',
    })
  ).scoredWith(scheme)
  const text = unitToCsv(s.unit('lizhou'), scheme)

  it('says what was counted and against what, and names the open case', () => {
    expect(text).toContain('结案 1 件 / 应结 2 件，未结 1 件：open-1')
  })
  it('lists rules that did not fire as 未触发 and adjustments with what they changed', () => {
    expect(text).toContain('特别规则,veto,一票否决,0.00,,,未触发：取值 0，条件 ≥ 1,')
    expect(text).toContain('调整,F1,复核,9.00,0.00,,调整后该项得分应在 0 至 4 分之间,1')
  })
})

describe('unit CSV never hands a spreadsheet a formula', () => {
  const scheme = testScheme([
    { id: 'X', name: '学法', max: 4, metric: { count: 'TrainingHeld' }, scoring: { kind: 'flag' } },
  ])
  const training = fact('TrainingHeld', 'lizhou', {
    sessionId: 's1',
    kind: 'lecture',
    topic: '学法',
    attendees: 3,
  })
  const s = given(
    unitRegistered('lizhou', '利州区'),
    training,
    fact('PointsAdjusted', 'lizhou', {
      schemeId: 'test-2017',
      indicatorId: 'X',
      points: -1,
      reason: '=HYPERLINK("http://evil.example/?x","详情")',
      approvedBy: '@SUM(1)',
    })
  ).scoredWith(scheme)
  const text = unitToCsv(s.unit('lizhou'), scheme)

  it('starts text that would run as a formula with an apostrophe, and leaves −1.00 a number', () => {
    // 4 (flag) − 1 = 3: the adjustment's points and what it changed stay plain decimals.
    expect(text).toContain(
      `调整,X,"'=HYPERLINK(""http://evil.example/?x"",""详情"")",-1.00,-1.00,,'@SUM(1)批准,1`
    )
  })
})
