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
      'categories.0.indicators.0.scoring.kind: 应为以下取值之一：flag | linear | bands | deduct | deadline | bonus | rank | judged，实际为 "curve"',
      'categories.0.indicators.0.metric: 应为count、sum、avg、min、max、latest、earliest、ratio 或 change 之一，实际为 {"total":"TrainingHeld"}',
    ])
  })
  it('rejects counting retractions, verifications and returns: they act on other facts and always counted 0', () => {
    expect(
      ['EventRetracted', 'FactVerified', 'FactReturned'].flatMap((type) =>
        issues(scheme({}, [indicator({ metric: { count: type } })]))
      )
    ).toEqual([
      'categories.0.indicators.0.metric.count: "EventRetracted" 作用于其他事件（撤回、核实或退回），不是可统计的事实',
      'categories.0.indicators.0.metric.count: "FactVerified" 作用于其他事件（撤回、核实或退回），不是可统计的事实',
      'categories.0.indicators.0.metric.count: "FactReturned" 作用于其他事件（撤回、核实或退回），不是可统计的事实',
    ])
  })
  it('rejects a metric on an unknown event type, an unknown field and a value outside the vocabulary', () => {
    expect(issues(scheme({}, [indicator({ metric: { count: 'TrainingHold' } })]))).toEqual([
      'categories.0.indicators.0.metric.count: 未知或不可统计的事件类型 "TrainingHold"（按案件计数请写 "cases"）',
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
  it('finds only names the scheme defines: constructor, toString, __proto__ are names like any other', () => {
    // Every object inherits these: looked up as plain properties they passed as "defined" and broke scoring.
    for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__'])
      expect(issues(scheme({}, [indicator({ metric: name })]))).toEqual([
        `categories.0.indicators.0.metric: 未定义的指标名称 ${JSON.stringify(name)}（应在 metrics 中定义）`,
      ])
  })
  it('holds a metric named __proto__ as its own, usable name, and a where field of that name is no event field', () => {
    // t.record assigned the key, setting the decoded object's prototype: the metric silently vanished.
    const proto = (o: Record<string, unknown>) =>
      JSON.parse(JSON.stringify(o).replaceAll('"PROTO"', '"__proto__"'))
    const named = proto({ metrics: { PROTO: { count: 'TrainingHeld' } } })
    expect(issues(scheme(named, [indicator({ metric: '__proto__' })]))).toEqual([])
    const where = proto({ count: 'TrainingHeld', where: { PROTO: 'x' } })
    expect(issues(scheme({}, [indicator({ metric: where })]))).toEqual([
      'categories.0.indicators.0.metric.where.__proto__: TrainingHeld 没有字段 __proto__',
    ])
  })
  it('keeps any other metric name, in Chinese too, as schemes already stored may use them', () => {
    expect(
      issues(
        scheme({ metrics: { 培训次数: { count: 'TrainingHeld' } } }, [indicator({ metric: '培训次数' })])
      )
    ).toEqual([])
  })
  it('refuses a threshold that is not a finite number (1e309 parses to Infinity and is stored as null)', () => {
    const huge = JSON.parse('1e309') as number
    const rule = {
      id: 'veto',
      name: '否决',
      kind: 'veto',
      when: { metric: { count: 'VetoIncidentRecorded' }, gte: huge },
    }
    expect(issues(scheme({ rules: [rule] }))).toEqual([expect.stringMatching(/^rules\.0\.when\.gte: /)])
    const bands = { kind: 'bands', bands: [{ gte: huge, points: 4 }] }
    expect(issues(scheme({}, [indicator({ scoring: bands })]))[0]).toMatch(
      /^categories\.0\.indicators\.0\.scoring/
    )
    const where = { count: 'TrainingHeld', where: { attendees: { gte: huge } } }
    expect(issues(scheme({}, [indicator({ metric: where })]))[0]).toMatch(
      /^categories\.0\.indicators\.0\.metric/
    )
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
  it('rejects a due date more than a year after the period and a deadline on a count', () => {
    expect(
      issues(scheme({}, [indicator({ scoring: { kind: 'deadline', due: '2019-01-15', perDayLate: 0.1 } })]))
    ).toEqual([
      'categories.0.indicators.0.metric: deadline 评分的指标应为 earliest（首次发生日期）',
      'categories.0.indicators.0.scoring.due: 截止日期 2019-01-15 应在考核期起始日 2017-01-01 至考核期结束后一年（2018-12-31）之间',
    ])
  })
  // Issue 12: the 年度法治政府建设报告 of 2017 is due on 15 January 2018 (seeds 000–004).
  it('accepts a year-end duty due after the period: the annual report due 2018-01-15', () => {
    const report = indicator({
      metric: { earliest: 'DocumentIssued', where: { docType: 'annual_report' } },
      scoring: { kind: 'deadline', due: '2018-01-15', perDayLate: 0.1 },
    })
    expect(issues(scheme({}, [report]))).toEqual([])
  })
  it('rejects a due date before the period', () => {
    const early = indicator({
      metric: { earliest: 'DocumentIssued' },
      scoring: { kind: 'deadline', due: '2016-12-31', perDayLate: 0.1 },
    })
    expect(issues(scheme({}, [early]))).toHaveLength(1)
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

  describe('case metrics (count: "cases")', () => {
    const cases = (extra: Record<string, unknown>) => indicator({ metric: { count: 'cases', ...extra } })
    it('accepts case attributes with values of their kind and every by', () => {
      for (const by of ['active', 'opened', 'closed', 'decided'])
        expect(
          issues(
            scheme({}, [
              cases({
                by,
                where: {
                  kind: 'labor_arbitration',
                  closed: true,
                  outcome: ['lost', 'won'],
                  hearings: { gte: 1 },
                  closedOn: { lte: '2017-12-31' },
                },
              }),
            ])
          )
        ).toEqual([])
    })
    it('rejects an unknown attribute and values of the wrong type, each by path', () => {
      expect(
        issues(
          scheme({}, [
            cases({ where: { leader: true, closed: 'yes', kind: 'lawsuit', hearings: { gte: '1' } } }),
          ])
        )
      ).toEqual([
        'categories.0.indicators.0.metric.where.leader: 案件 没有字段 leader',
        'categories.0.indicators.0.metric.where.closed: 字段 closed 应为布尔值（true/false），实际为 "yes"',
        'categories.0.indicators.0.metric.where.kind: 字段 kind 应为以下取值之一：administrative_litigation | administrative_reconsideration | labor_inspection | labor_arbitration | work_injury_recognition | procuratorial_supervision，实际为 "lawsuit"',
        'categories.0.indicators.0.metric.where.hearings.gte: 字段 hearings 应为数字，实际为 "1"',
      ])
    })
    it('rejects an unknown by, a by on an event count, and per/distinct on cases', () => {
      expect(issues(scheme({}, [cases({ by: 'filed' })]))).toHaveLength(1)
      expect(issues(scheme({}, [indicator({ metric: { count: 'CaseClosed', by: 'closed' } })]))).toEqual([
        'categories.0.indicators.0.metric.by: by 只能与 count: "cases" 一起使用',
      ])
      expect(issues(scheme({}, [cases({ per: 'quarter', distinct: 'kind' })]))).toEqual([
        'categories.0.indicators.0.metric.distinct: count: cases 已按案件计数，不能再用 distinct',
        'categories.0.indicators.0.metric.per: per: quarter 只能用于事件计数，不能用于 count: cases',
      ])
    })
    it('rejects a case rate whose numerator and denominator are different cohorts', () => {
      const rate = {
        ratio: [
          { count: 'cases', by: 'closed', where: { closed: true } },
          { count: 'cases', by: 'opened' },
        ],
      }
      expect(issues(scheme({}, [indicator({ metric: rate })]))).toEqual([
        'categories.0.indicators.0.metric.ratio: 分子按 by: closed、分母按 by: opened 统计案件，不是同一批案件；请使用相同的 by',
      ])
    })
  })

  it('accepts per: quarter on an event count', () => {
    expect(
      issues(scheme({}, [indicator({ metric: { count: 'InspectionConducted', per: 'quarter' } })]))
    ).toEqual([])
  })

  it('accepts a judged indicator without metric, and rejects one with a metric or another kind without', () => {
    const judged = {
      id: 'J1',
      name: '评议',
      max: 4,
      scoring: { kind: 'judged' },
      basis: '第三条',
      criteria: '考核组评议',
      evidence: '会议记录',
    }
    expect(issues(scheme({}, [judged]))).toEqual([])
    expect(issues(scheme({}, [{ ...judged, metric: { count: 'TrainingHeld' } }]))).toEqual([
      'categories.0.indicators.0.metric: judged 评分取考核组的评分（IndicatorJudged），不使用 metric，请删除',
    ])
    expect(issues(scheme({}, [{ ...judged, scoring: { kind: 'flag' } }]))).toEqual([
      'categories.0.indicators.0.metric: flag 评分需要 metric',
    ])
  })

  it('accepts rule tests gt and lt, and rejects a rule with two tests', () => {
    const rule = (when: Record<string, unknown>) => ({
      id: 'g',
      kind: 'gradeCap',
      maxGrade: '合格',
      name: '封顶',
      when: { metric: { count: 'NotificationReceived' }, ...when },
    })
    expect(issues(scheme({ rules: [rule({ gt: 1 }), { ...rule({ lt: 1 }), id: 'h' }] }))).toEqual([])
    expect(issues(scheme({ rules: [rule({ gt: 1, lte: 3 })] }))).toEqual([
      'rules.0.when: when 应有且只有 gte、lte、gt、lt、eq 之一',
    ])
  })

  it('accepts countOnlyVerified', () => {
    expect(issues(scheme({ countOnlyVerified: true }))).toEqual([])
  })
})

describe('time limits', () => {
  const calendar = { holidays: ['2017-10-02'], workdays: ['2017-09-30'] }
  it('accepts a limit in days or working days per case kind, with the year’s calendar', () => {
    expect(
      issues(
        scheme({
          timeLimits: { labor_inspection: { workingDays: 60 }, work_injury_recognition: { days: 60 } },
          calendar,
        })
      )
    ).toEqual([])
  })
  it('refuses limits without a calendar, on an unknown kind, and of 0, 3,651, 1e15 or both ways at once', () => {
    expect(issues(scheme({ timeLimits: { labor_inspection: { workingDays: 60 } } }))).toEqual([
      'calendar: timeLimits 需要 calendar：列出考核期内案件所跨年份的节假日（holidays）与调休上班日（workdays）',
    ])
    expect(issues(scheme({ timeLimits: { lawsuit: { days: 60 } }, calendar }))).toEqual([
      'timeLimits.lawsuit: 未知的案件类型 "lawsuit"（应为 administrative_litigation | administrative_reconsideration | labor_inspection | labor_arbitration | work_injury_recognition | procuratorial_supervision 之一）',
    ])
    expect(
      issues(
        scheme({
          timeLimits: { labor_inspection: { days: 60 } },
          calendar: { holidays: ['2016-10-03'], workdays: [] },
        })
      )
    ).toEqual(['calendar.holidays: calendar 未列出 2017 年的节假日：考核期内每一年都须列出'])
    for (const bad of [{ days: 0 }, { workingDays: 3651 }, { days: 1e15 }, { days: 1, workingDays: 1 }, {}])
      expect(
        issues(scheme({ timeLimits: { labor_inspection: bad }, calendar })),
        JSON.stringify(bad)
      ).toHaveLength(1)
  })
  it('refuses a calendar or entryDays without time limits: they would mean nothing', () => {
    expect(issues(scheme({ entryDays: 5 }))).toEqual([
      'entryDays: entryDays 只用于 timeLimits（法定办理期限）；未写明 timeLimits 时请删除',
    ])
  })
  it('refuses an overdue-based case count in a scheme without time limits', () => {
    const overdue = indicator({
      metric: { count: 'cases', where: { kind: 'labor_inspection', overdue: true } },
    })
    expect(issues(scheme({}, [overdue]))).toEqual([
      'categories.0.indicators.0.metric: overdue 按法定办理期限计算，需要在考核办法中写明 timeLimits（各类案件的期限）与 calendar',
    ])
    expect(issues(scheme({ timeLimits: { labor_inspection: { days: 60 } }, calendar }, [overdue]))).toEqual(
      []
    )
  })
})
