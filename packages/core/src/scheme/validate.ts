/** @module Semantic validation of a decoded scheme: every problem, each named by its path, in Chinese. */
import * as E from 'fp-ts/Either'
import { type Issue, toIssues } from '../codec/issues'
import { CaseKind } from '../events/case'
import { daysBetween } from '../primitives/iso-date'
import type { Indicator } from './scheme'
import { Scheme } from './scheme'
import type { Band } from './scoring-spec'
import { checkMetric, type MetricContext, type ValueKind } from './validate-metric'

const RULE_TESTS = ['gte', 'lte', 'gt', 'lt', 'eq'] as const

/** The same day one year later (29 February → 28 February). */
export const oneYearAfter = (d: string): string => {
  const [y, m, day] = d.split('-') as [string, string, string]
  const next = `${Number(y) + 1}-${m}-${day}`
  return m === '02' && day === '29' ? `${Number(y) + 1}-02-28` : next
}

const numeric = (k: ValueKind) => k === 'number' || k === 'ratio' || k === 'unknown'

const checkBands = (bands: ReadonlyArray<Band>, max: number, path: string, issues: Issue[]) => {
  if (bands.length === 0) issues.push({ path, message: 'bands 至少需要一个档位' })
  const down = bands.filter((b) => b.test === 'gte' || b.test === 'gt')
  const up = bands.filter((b) => b.test === 'lte' || b.test === 'lt')
  if (down.length > 0 && up.length > 0)
    issues.push({ path, message: '档位不能混用 gte/gt 与 lte/lt：请按一个方向排列' })
  bands.forEach((b, i) => {
    if (b.points > max)
      issues.push({ path: `${path}.${i}.points`, message: `档位分值 ${b.points} 超过该项满分 ${max}` })
    const prev = bands[i - 1]
    if (!prev || prev.test === 'eq' || b.test === 'eq') return
    const descending = b.test === 'gte' || b.test === 'gt'
    const outOfOrder = descending ? b.threshold > prev.threshold : b.threshold < prev.threshold
    if (outOfOrder)
      issues.push({
        path: `${path}.${i}`,
        message: descending
          ? `档位顺序错误：${b.test} ${b.threshold} 应排在 ${prev.test} ${prev.threshold} 之前（从高到低排列）`
          : `档位顺序错误：${b.test} ${b.threshold} 应排在 ${prev.test} ${prev.threshold} 之前（从低到高排列）`,
      })
  })
}

const checkIndicator = (
  scheme: Scheme,
  ind: Indicator,
  path: string,
  inBonus: boolean,
  ctx: MetricContext
) => {
  const { issues } = ctx
  const s = ind.scoring
  if (s.kind === 'judged') {
    if (ind.metric !== undefined)
      issues.push({
        path: `${path}.metric`,
        message: 'judged 评分取考核组的评分（IndicatorJudged），不使用 metric，请删除',
      })
  } else if (ind.metric === undefined)
    issues.push({ path: `${path}.metric`, message: `${s.kind} 评分需要 metric` })
  const value: ValueKind =
    ind.metric === undefined ? 'unknown' : checkMetric(ind.metric, `${path}.metric`, ctx)
  const sp = `${path}.scoring`
  const needsNumber = () => {
    if (!numeric(value))
      issues.push({
        path: sp,
        message: `${s.kind} 评分需要数值型指标，该指标取值为${value === 'date' ? '日期' : '布尔值'}`,
      })
  }
  switch (s.kind) {
    case 'flag':
      if (value === 'date') issues.push({ path: sp, message: 'flag 评分不能用于日期型指标（请用 deadline）' })
      break
    case 'linear':
      needsNumber()
      break
    case 'bands':
      needsNumber()
      checkBands(s.bands, ind.max, `${sp}.bands`, issues)
      if (s.else !== undefined && s.else > ind.max)
        issues.push({ path: `${sp}.else`, message: `else 分值 ${s.else} 超过该项满分 ${ind.max}` })
      break
    case 'deduct':
      needsNumber()
      if (s.cap !== undefined && s.cap > ind.max)
        issues.push({ path: `${sp}.cap`, message: `扣分上限 ${s.cap} 超过该项满分 ${ind.max}` })
      break
    case 'deadline':
      if (value !== 'date' && value !== 'unknown')
        issues.push({ path: `${path}.metric`, message: 'deadline 评分的指标应为 earliest（首次发生日期）' })
      // A year-end duty (年度报告) may be due after the period, up to one year after its end.
      if (
        daysBetween(scheme.period.from, s.due) < 0 ||
        daysBetween(s.due, oneYearAfter(scheme.period.to)) < 0
      )
        issues.push({
          path: `${sp}.due`,
          message: `截止日期 ${s.due} 应在考核期起始日 ${scheme.period.from} 至考核期结束后一年（${oneYearAfter(scheme.period.to)}）之间`,
        })
      break
    case 'bonus':
      needsNumber()
      if (!inBonus) issues.push({ path: sp, message: 'bonus 评分只能用于加分项（bonus.indicators）' })
      break
    case 'judged':
      break
    case 'rank':
      needsNumber()
      if (s.first > ind.max)
        issues.push({ path: `${sp}.first`, message: `第一名分值 ${s.first} 超过该项满分 ${ind.max}` })
      break
  }
  const known = scheme.units
  ind.units?.forEach((u, i) => {
    if (known && !known.includes(u))
      issues.push({ path: `${path}.units.${i}`, message: `单位 ${u} 不在本办法的 units 范围内` })
  })
}

const duplicates = (ids: ReadonlyArray<readonly [string, string]>, what: string, issues: Issue[]) => {
  const seen = new Map<string, string>()
  for (const [id, path] of ids) {
    const first = seen.get(id)
    if (first !== undefined) issues.push({ path, message: `${what} ${id} 重复（已在 ${first} 定义）` })
    else seen.set(id, path)
  }
}

const CASE_KINDS: ReadonlySet<string> = new Set(Object.keys(CaseKind.keys))

/** Limits name case kinds, and need the year's calendar: without its holidays a working day is only a guess. */
const checkTimeLimits = (scheme: Scheme, issues: Issue[]) => {
  if (scheme.timeLimits === undefined) {
    for (const field of ['calendar', 'entryDays'] as const)
      if (scheme[field] !== undefined)
        issues.push({
          path: field,
          message: `${field} 只用于 timeLimits（法定办理期限）；未写明 timeLimits 时请删除`,
        })
    return
  }
  for (const kind of Object.keys(scheme.timeLimits))
    if (!CASE_KINDS.has(kind))
      issues.push({
        path: `timeLimits.${kind}`,
        message: `未知的案件类型 ${JSON.stringify(kind)}（应为 ${[...CASE_KINDS].join(' | ')} 之一）`,
      })
  if (scheme.calendar === undefined)
    issues.push({
      path: 'calendar',
      message:
        'timeLimits 需要 calendar：列出考核期内案件所跨年份的节假日（holidays）与调休上班日（workdays）',
    })
  else {
    // Every year has holidays: a year of the period with none listed is a year forgotten, and its working days guessed.
    const listed = new Set(scheme.calendar.holidays.map((d) => d.slice(0, 4)))
    for (let y = Number(scheme.period.from.slice(0, 4)); y <= Number(scheme.period.to.slice(0, 4)); y++)
      if (!listed.has(String(y)))
        issues.push({
          path: 'calendar.holidays',
          message: `calendar 未列出 ${y} 年的节假日：考核期内每一年都须列出`,
        })
  }
}

/** All semantic problems of a decoded scheme; empty when it can be scored. */
export const validateScheme = (scheme: Scheme): ReadonlyArray<Issue> => {
  const issues: Issue[] = []
  const ctx: MetricContext = {
    named: scheme.metrics ?? {},
    issues,
    ...(scheme.timeLimits ? { timeLimits: new Set(Object.keys(scheme.timeLimits)) } : {}),
  }
  if (scheme.version < 1) issues.push({ path: 'version', message: '版本号应为正整数' })
  checkTimeLimits(scheme, issues)
  if (daysBetween(scheme.period.from, scheme.period.to) < 0)
    issues.push({
      path: 'period',
      message: `考核期起始日 ${scheme.period.from} 晚于结束日 ${scheme.period.to}`,
    })
  for (const [name, m] of Object.entries(scheme.metrics ?? {}))
    checkMetric(m, `metrics.${name}`, ctx, new Set([name]))
  if (scheme.categories.length === 0) issues.push({ path: 'categories', message: '至少需要一个考核类别' })

  const indicatorIds: Array<readonly [string, string]> = []
  scheme.categories.forEach((cat, ci) => {
    if (cat.indicators.length === 0)
      issues.push({ path: `categories.${ci}.indicators`, message: `类别 ${cat.id} 没有任何指标` })
    cat.indicators.forEach((ind, ii) => {
      const path = `categories.${ci}.indicators.${ii}`
      indicatorIds.push([ind.id, path])
      checkIndicator(scheme, ind, path, false, ctx)
    })
  })
  scheme.bonus?.indicators.forEach((ind, ii) => {
    const path = `bonus.indicators.${ii}`
    indicatorIds.push([ind.id, path])
    checkIndicator(scheme, ind, path, true, ctx)
  })
  duplicates(
    scheme.categories.map((c, i) => [c.id, `categories.${i}.id`] as const),
    '类别',
    issues
  )
  duplicates(
    indicatorIds.map(([id, p]) => [id, `${p}.id`] as const),
    '指标',
    issues
  )
  duplicates(
    (scheme.rules ?? []).map((r, i) => [r.id, `rules.${i}.id`] as const),
    '规则',
    issues
  )
  duplicates(
    scheme.grades.map((g, i) => [g.name, `grades.${i}.name`] as const),
    '等次',
    issues
  )

  const categoryIds = new Set<string>(scheme.categories.map((c) => c.id))
  const gradeNames = new Set<string>(scheme.grades.map((g) => g.name))
  scheme.rules?.forEach((r, i) => {
    const path = `rules.${i}`
    checkMetric(r.when.metric, `${path}.when.metric`, ctx)
    const tests = RULE_TESTS.filter((k) => r.when[k] !== undefined)
    if (tests.length !== 1)
      issues.push({ path: `${path}.when`, message: 'when 应有且只有 gte、lte、gt、lt、eq 之一' })
    if (r.kind === 'zero' && r.scope !== undefined && r.scope !== 'total' && !categoryIds.has(r.scope))
      issues.push({ path: `${path}.scope`, message: `计0分范围 ${r.scope} 既不是 total 也不是已有类别` })
    if (r.kind === 'gradeCap' && !gradeNames.has(r.maxGrade))
      issues.push({ path: `${path}.maxGrade`, message: `等次 ${r.maxGrade} 未在 grades 中定义` })
  })

  if (scheme.grades.length === 0) issues.push({ path: 'grades', message: '至少需要一个等次' })
  scheme.grades.forEach((g, i) => {
    const prev = scheme.grades[i - 1]
    if (prev && g.min >= prev.min)
      issues.push({
        path: `grades.${i}.min`,
        message: `等次应按分数线从高到低排列：${g.name}（${g.min}）不低于 ${prev.name}（${prev.min}）`,
      })
  })
  const lowest = scheme.grades[scheme.grades.length - 1]
  if (lowest && lowest.min !== 0)
    issues.push({
      path: `grades.${scheme.grades.length - 1}.min`,
      message: '最低等次的分数线应为 0，使每个总分都有等次',
    })
  return issues
}

/** Decodes and validates a scheme: the only way a scheme enters scoring. */
export const parseScheme = (input: unknown): E.Either<ReadonlyArray<Issue>, Scheme> => {
  const decoded = Scheme.decode(input)
  if (E.isLeft(decoded)) return E.left(toIssues(decoded.left))
  const issues = validateScheme(decoded.right)
  return issues.length > 0 ? E.left(issues) : E.right(decoded.right)
}
