/** @module Checks a metric against the event catalog: known type, known fields, values of the right kind. */
import { CASE_ATTRIBUTES, LIMIT_ATTRIBUTES } from '../cases/attributes'
import type { Issue } from '../codec/issues'
import { isEventType, isUnitScoped } from '../events/catalog'
import { type FieldKind, fieldsOf } from '../events/fields'
import { isRealDate } from '../primitives/iso-date'
import {
  CASES,
  type CaseBy,
  type Condition,
  type Metric,
  type MetricRef,
  namedMetric,
  type Scalar,
  type Where,
} from './metric'

/** What a metric yields, so scoring kinds can be matched to values they can score. */
export type ValueKind = 'number' | 'ratio' | 'date' | 'boolean' | 'unknown'

export interface MetricContext {
  readonly named: Readonly<Record<string, Metric>>
  readonly issues: Issue[]
  /** The case kinds the scheme's `timeLimits` name (what `dueOn`, `closedOnTime`, `overdue`, `closedOrOverdue` read). */
  readonly timeLimits?: ReadonlySet<string>
}

const show = (v: unknown) => JSON.stringify(v)

/**
 * A count on time limits names the kinds it counts, each with a limit: a kind without one has no `closedOnTime`, so
 * its rate would read 0 % without a word.
 */
const checkLimitedKinds = (
  kind: Condition | undefined,
  limited: ReadonlySet<string>,
  path: string,
  issues: Issue[]
) => {
  // Decoded, a where's `"kind": "x"` is `{ eq: "x" }` and a list `{ in: [...] }` (metric.ts `Condition`).
  const kinds = kind === undefined ? undefined : 'eq' in kind ? [kind.eq] : 'in' in kind ? kind.in : undefined
  if (kinds === undefined)
    issues.push({
      path,
      message:
        '按法定办理期限统计案件时，where 须写明 kind（一个或几个已在 timeLimits 中规定期限的案件类型）',
    })
  else
    for (const k of kinds.filter((k) => !limited.has(String(k))))
      issues.push({ path, message: `案件类型 ${show(k)} 未在 timeLimits 中规定办理期限，无法判断是否按期` })
}

const checkScalar = (field: string, kind: FieldKind, v: Scalar, path: string, issues: Issue[]) => {
  const bad = (expected: string) =>
    issues.push({ path, message: `字段 ${field} 应为${expected}，实际为 ${show(v)}` })
  switch (kind.kind) {
    case 'enum':
      if (typeof v !== 'string' || !kind.values.includes(v)) bad(`以下取值之一：${kind.values.join(' | ')}`)
      return
    case 'boolean':
      if (typeof v !== 'boolean') bad('布尔值（true/false）')
      return
    case 'number':
      if (typeof v !== 'number') bad('数字')
      return
    case 'date':
      if (typeof v !== 'string' || !isRealDate(v)) bad('有效日期（YYYY-MM-DD）')
      return
    case 'string':
      if (typeof v !== 'string') bad('字符串')
  }
}

const checkCondition = (
  field: string,
  kind: FieldKind,
  c: Condition,
  path: string,
  issues: Issue[]
): void => {
  if ('eq' in c) {
    checkScalar(field, kind, c.eq, path, issues)
    return
  }
  if ('ne' in c) {
    checkScalar(field, kind, c.ne, `${path}.ne`, issues)
    return
  }
  if ('in' in c) {
    c.in.forEach((v, i) => {
      checkScalar(field, kind, v, `${path}.${i}`, issues)
    })
    return
  }
  if ('notIn' in c) {
    c.notIn.forEach((v, i) => {
      checkScalar(field, kind, v, `${path}.notIn.${i}`, issues)
    })
    return
  }
  if (kind.kind !== 'number' && kind.kind !== 'date') {
    issues.push({
      path: `${path}.${c.cmp}`,
      message: `字段 ${field} 不是数字或日期，不能用 ${c.cmp} 比较`,
    })
    return
  }
  checkScalar(field, kind, c.to, `${path}.${c.cmp}`, issues)
}

const checkWhere = (
  type: string,
  fields: ReadonlyMap<string, FieldKind>,
  where: Where | undefined,
  path: string,
  issues: Issue[]
) => {
  for (const [field, c] of Object.entries(where ?? {})) {
    const kind = fields.get(field)
    if (!kind) issues.push({ path: `${path}.where.${field}`, message: `${type} 没有字段 ${field}` })
    else checkCondition(field, kind, c, `${path}.where.${field}`, issues)
  }
}

/** The `by` of a case count (following a named reference), or undefined when the metric is not one. */
const caseCohort = (
  ref: MetricRef,
  named: Readonly<Record<string, Metric>>,
  depth = 0
): CaseBy | undefined => {
  const m = typeof ref === 'string' ? namedMetric(named, ref) : ref
  if (!m || depth > 20) return undefined
  if (typeof ref === 'string') return caseCohort(m, named, depth + 1)
  return m._tag === 'count' && m.type === CASES ? (m.by ?? 'active') : undefined
}

/** Validates a metric (following named references, rejecting cycles) and returns the kind of value it yields. */
export const checkMetric = (
  ref: MetricRef,
  path: string,
  ctx: MetricContext,
  visiting: ReadonlySet<string> = new Set()
): ValueKind => {
  const { issues } = ctx
  if (typeof ref === 'string') {
    const named = namedMetric(ctx.named, ref)
    if (!named) {
      issues.push({ path, message: `未定义的指标名称 ${show(ref)}（应在 metrics 中定义）` })
      return 'unknown'
    }
    if (visiting.has(ref)) {
      issues.push({ path, message: `指标 ${ref} 循环引用自身` })
      return 'unknown'
    }
    // Issues inside a named metric are reported once, at its own path, by the scheme validator.
    return checkMetric(named, path, { named: ctx.named, issues: [] }, new Set([...visiting, ref]))
  }
  switch (ref._tag) {
    case 'ratio': {
      const [a, b] = ref.of
      for (const [i, k] of [
        checkMetric(a, `${path}.ratio.0`, ctx, visiting),
        checkMetric(b, `${path}.ratio.1`, ctx, visiting),
      ].entries())
        if (k !== 'number' && k !== 'unknown')
          issues.push({ path: `${path}.ratio.${i}`, message: 'ratio 的分子、分母应为计数或求和等数值指标' })
      // Numerator and denominator of a case rate are one cohort, so the rate can never pass 100%.
      const [ba, bb] = [caseCohort(a, ctx.named), caseCohort(b, ctx.named)]
      if (ba !== undefined && bb !== undefined && ba !== bb)
        issues.push({
          path: `${path}.ratio`,
          message: `分子按 by: ${ba}、分母按 by: ${bb} 统计案件，不是同一批案件；请使用相同的 by`,
        })
      return 'ratio'
    }
    case 'change': {
      const k = checkMetric(ref.of, `${path}.change`, ctx, visiting)
      if (k !== 'number' && k !== 'unknown')
        issues.push({ path: `${path}.change`, message: 'change 只能比较计数或求和等数值指标' })
      return 'ratio'
    }
    default:
      break
  }
  const key = ref._tag
  if (ref._tag === 'count' && ref.type === CASES) {
    checkWhere('案件', CASE_ATTRIBUTES, ref.where, path, issues)
    const limited = Object.keys(ref.where ?? {}).filter((k) => LIMIT_ATTRIBUTES.has(k))
    if (ref.by === 'closedOrOverdue') limited.unshift('by: closedOrOverdue')
    if (limited.length > 0 && ctx.timeLimits === undefined)
      issues.push({
        path,
        message: `${limited.join('、')} 按法定办理期限计算，需要在考核办法中写明 timeLimits（各类案件的期限）与 calendar`,
      })
    else if (limited.length > 0) checkLimitedKinds(ref.where?.kind, ctx.timeLimits!, path, issues)
    if (ref.distinct !== undefined)
      issues.push({ path: `${path}.distinct`, message: 'count: cases 已按案件计数，不能再用 distinct' })
    if (ref.per !== undefined)
      issues.push({ path: `${path}.per`, message: 'per: quarter 只能用于事件计数，不能用于 count: cases' })
    return 'number'
  }
  if (ref._tag === 'count' && ref.by !== undefined)
    issues.push({ path: `${path}.by`, message: 'by 只能与 count: "cases" 一起使用' })
  if (ref._tag === 'count' && ref.per !== undefined && ref.distinct !== undefined)
    issues.push({ path: `${path}.per`, message: 'per: quarter 按季度计数，不能与 distinct 同时使用' })
  if (!isEventType(ref.type) || !isUnitScoped(ref.type)) {
    issues.push({
      path: `${path}.${key}`,
      message: `未知或不可统计的事件类型 ${show(ref.type)}${key === 'count' ? '（按案件计数请写 "cases"）' : ''}`,
    })
    return 'unknown'
  }
  const fields = fieldsOf(ref.type)
  // A retraction, verification or return acts on another event: scoring applies it and never counts it.
  if (fields.has('targetEventId')) {
    issues.push({
      path: `${path}.${key}`,
      message: `${show(ref.type)} 作用于其他事件（撤回、核实或退回），不是可统计的事实`,
    })
    return 'unknown'
  }
  checkWhere(ref.type, fields, ref.where, path, issues)
  switch (ref._tag) {
    case 'count':
      if (ref.distinct !== undefined && !fields.has(ref.distinct))
        issues.push({ path: `${path}.distinct`, message: `${ref.type} 没有字段 ${ref.distinct}` })
      return 'number'
    case 'earliest':
      return 'date'
    default: {
      if (ref.weight !== undefined && fields.get(ref.weight)?.kind !== 'number')
        issues.push({
          path: `${path}.weight`,
          message: fields.has(ref.weight)
            ? `权重字段 ${ref.weight} 不是数字`
            : `${ref.type} 没有字段 ${ref.weight}`,
        })
      const kind = fields.get(ref.field)
      if (!kind) {
        issues.push({ path: `${path}.field`, message: `${ref.type} 没有字段 ${ref.field}` })
        return 'unknown'
      }
      if (ref._tag === 'latest') {
        if (kind.kind === 'boolean') return 'boolean'
        if (kind.kind === 'date') return 'date'
        if (kind.kind === 'number') return 'number'
        issues.push({
          path: `${path}.field`,
          message: `latest 只能取数字、布尔或日期字段，${ref.field} 不是`,
        })
        return 'unknown'
      }
      if (kind.kind !== 'number') {
        issues.push({
          path: `${path}.field`,
          message: `${ref._tag} 只能用于数字字段，${ref.type}.${ref.field} 不是数字`,
        })
        return 'unknown'
      }
      return ref._tag === 'avg' ? 'ratio' : 'number'
    }
  }
}
