import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { parseScheme } from './validate'

const indicator = (over: Record<string, unknown> = {}) => ({
  id: 'B1',
  name: '学法',
  max: 4,
  metric: { count: 'TrainingHeld', where: { kind: 'leadership_study' } },
  scoring: { kind: 'linear', target: 4 },
  ...over,
})
const scheme = (over: Record<string, unknown> = {}, indicators: unknown[] = [indicator()]) => ({
  schemeId: 'guangyuan-districts-2017',
  version: 1,
  title: '考核办法',
  appliesTo: 'district',
  period: { from: '2017-01-01', to: '2017-12-31' },
  categories: [{ id: 'B', name: '学法用法', max: 4, indicators }],
  grades: [
    { name: '合格', min: 60 },
    { name: '不合格', min: 0 },
  ],
  ...over,
})
const issues = (input: unknown) => {
  const r = parseScheme(input)
  return E.isLeft(r) ? r.left.map((i) => `${i.path}: ${i.message}`) : []
}

describe('scheme validation', () => {
  it('accepts a valid scheme', () => {
    expect(issues(scheme())).toEqual([])
  })
  it('names a missing field and an unknown one (a typo) by path', () => {
    expect(issues(scheme({}, [{ ...indicator(), max: undefined, whenUndefind: 'full' }]))).toEqual([
      'categories.0.indicators.0.max: 缺少必填字段',
      'categories.0.indicators.0.whenUndefind: 未知字段',
    ])
  })
  it('rejects an unknown metric form and an unknown scoring kind', () => {
    expect(
      issues(scheme({}, [indicator({ metric: { total: 'TrainingHeld' }, scoring: { kind: 'curve' } })]))
    ).toEqual([
      'categories.0.indicators.0.metric: 应为count、sum、avg、min、max、latest、earliest、ratio 或 change 之一，实际为 {"total":"TrainingHeld"}',
      'categories.0.indicators.0.scoring.kind: 应为以下取值之一：flag | linear | bands | deduct | deadline | bonus | rank，实际为 "curve"',
    ])
  })
  it('rejects a metric on an unknown event type, an unknown field and a value outside the vocabulary', () => {
    expect(issues(scheme({}, [indicator({ metric: { count: 'TrainingHold' } })]))).toEqual([
      'categories.0.indicators.0.metric.count: 未知或不可统计的事件类型 "TrainingHold"',
    ])
    expect(issues(scheme({}, [indicator({ metric: { sum: 'TrainingHeld', field: 'people' } })]))).toEqual([
      'categories.0.indicators.0.metric.field: TrainingHeld 没有字段 people',
    ])
    expect(
      issues(scheme({}, [indicator({ metric: { count: 'TrainingHeld', where: { kind: 'leadership' } } })]))
    ).toEqual([
      'categories.0.indicators.0.metric.where.kind: 字段 kind 应为以下取值之一：leadership_study | enforcement_training | law_exam | lecture | court_observation | daily_study，实际为 "leadership"',
    ])
  })
  it('rejects an unknown named metric and a sum over a text field', () => {
    expect(issues(scheme({}, [indicator({ metric: 'lawsuitsLost' })]))).toEqual([
      'categories.0.indicators.0.metric: 未定义的指标名称 "lawsuitsLost"（应在 metrics 中定义）',
    ])
    expect(issues(scheme({}, [indicator({ metric: { sum: 'TrainingHeld', field: 'topic' } })]))).toEqual([
      'categories.0.indicators.0.metric.field: sum 只能用于数字字段，TrainingHeld.topic 不是数字',
    ])
  })
  it('rejects duplicate indicator ids', () => {
    expect(issues(scheme({}, [indicator(), indicator({ max: 0 })]))).toEqual([
      'categories.0.indicators.1.id: 指标 B1 重复（已在 categories.0.indicators.0.id 定义）',
    ])
  })
  it('rejects bands out of order and bands worth more than the item', () => {
    const bands = {
      kind: 'bands',
      bands: [
        { gte: 0.8, points: 2 },
        { gte: 0.9, points: 5 },
      ],
    }
    expect(issues(scheme({}, [indicator({ scoring: bands })]))).toEqual([
      'categories.0.indicators.0.scoring.bands.1.points: 档位分值 5 超过该项满分 4',
      'categories.0.indicators.0.scoring.bands.1: 档位顺序错误：gte 0.9 应排在 gte 0.8 之前（从高到低排列）',
    ])
  })
  it('rejects a due date outside the period and a deadline on a count', () => {
    expect(
      issues(scheme({}, [indicator({ scoring: { kind: 'deadline', due: '2018-04-30', perDayLate: 0.1 } })]))
    ).toEqual([
      'categories.0.indicators.0.metric: deadline 评分的指标应为 earliest（首次发生日期）',
      'categories.0.indicators.0.scoring.due: 截止日期 2018-04-30 不在考核期 2017-01-01 至 2017-12-31 内',
    ])
  })
  it('rejects an impossible date', () => {
    expect(issues(scheme({ period: { from: '2017-02-29', to: '2017-12-31' } }))).toEqual([
      'period.from: 应为有效日期（YYYY-MM-DD），实际为 "2017-02-29"',
    ])
  })
  it('rejects a rule on a category that does not exist and a cap to an unknown grade', () => {
    const rules = [
      {
        id: 'z',
        kind: 'zero',
        scope: 'publicity',
        name: '计0分',
        when: { metric: { count: 'NotificationReceived' }, gte: 1 },
      },
      {
        id: 'g',
        kind: 'gradeCap',
        maxGrade: '优秀',
        name: '封顶',
        when: { metric: { count: 'NotificationReceived' }, gte: 1 },
      },
    ]
    expect(issues(scheme({ rules }))).toEqual([
      'rules.0.scope: 计0分范围 publicity 既不是 total 也不是已有类别',
      'rules.1.maxGrade: 等次 优秀 未在 grades 中定义',
    ])
  })
  it('rejects grades that are not in descending order or leave low totals without a grade', () => {
    expect(
      issues(
        scheme({
          grades: [
            { name: '不合格', min: 0 },
            { name: '合格', min: 60 },
          ],
        })
      )
    ).toEqual([
      'grades.1.min: 等次应按分数线从高到低排列：合格（60）不低于 不合格（0）',
      'grades.1.min: 最低等次的分数线应为 0，使每个总分都有等次',
    ])
  })
  it('rejects a deduction cap above the item max and a bonus kind outside the bonus block', () => {
    expect(
      issues(
        scheme({}, [
          indicator({ scoring: { kind: 'deduct', per: 0.3, cap: 5 } }),
          indicator({ id: 'X', max: 0, scoring: { kind: 'bonus', per: 1 } }),
        ])
      )
    ).toEqual([
      'categories.0.indicators.0.scoring.cap: 扣分上限 5 超过该项满分 4',
      'categories.0.indicators.1.scoring: bonus 评分只能用于加分项（bonus.indicators）',
    ])
  })
})
