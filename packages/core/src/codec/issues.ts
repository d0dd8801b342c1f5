/** @module Turns io-ts errors into `{ path, message }` issues with Chinese messages a person can act on. */
import type * as t from 'io-ts'

/** One problem with an input, located by a dotted path (`data.attendees`, `categories.2.indicators.0.max`). */
export interface Issue {
  readonly path: string
  readonly message: string
}

/** What each codec name means, in the words the error shows. */
const EXPECTED: Readonly<Record<string, string>> = {
  IsoDate: '有效日期（YYYY-MM-DD）',
  IsoInstant: '带时区的 ISO-8601 时间（如 2017-03-01T08:00:00Z）',
  UnitId: '单位代码（小写字母、数字、连字符，1–64 位）',
  Slug: '代码（字母、数字、_.:/-，不含空格，最多 128 位）',
  Uuid: 'UUID',
  NonEmptyString: '非空字符串',
  NonNegativeInt: '非负整数',
  NonNegativeNumber: '非负数',
  Score100: '0–100 的分数',
  FiniteNumber: '数字',
  PositiveNumber: '正数',
  string: '字符串',
  number: '数字',
  boolean: '布尔值（true/false）',
  Int: '整数',
  Year: '年份（1949–2100 的整数）',
  LimitDays: '天数（1–3650 的整数）',
}

const describe = (type: t.Decoder<unknown, unknown>): string => {
  const name = type.name
  if (EXPECTED[name]) return EXPECTED[name]
  // t.keyof names itself `"a" | "b"`: show the closed vocabulary as is.
  if (name.includes('|')) return `以下取值之一：${name.replace(/"/g, '')}`
  return name
}

export const showValue = (v: unknown): string => {
  if (v === undefined) return '（缺失）'
  // JSON.stringify would show Infinity (a 1e309 in the input) as null.
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v)
  let s: string
  try {
    s = JSON.stringify(v)
  } catch {
    // A value too deep or cyclic to print is still a value the client must fix, not a server error.
    return '（无法显示的值）'
  }
  return s.length > 60 ? `${s.slice(0, 57)}...` : s
}

/** Keys that io-ts adds for intersection/union branches are not part of the input's path. */
const BRANCHING = new Set(['IntersectionType', 'UnionType'])

const pathOf = (context: t.Context): string =>
  context
    .filter((c, i) => {
      if (c.key === '') return false
      const parent = context[i - 1]?.type as { _tag?: string } | undefined
      return !(parent?._tag && BRANCHING.has(parent._tag))
    })
    .map((c) => c.key)
    .join('.')

/** Maps every leaf error to one issue; errors from intersection branches that repeat are merged. */
export const toIssues = (errors: t.Errors, prefix = ''): Issue[] => {
  const seen = new Set<string>()
  const out: Issue[] = []
  for (const e of errors) {
    const last = e.context[e.context.length - 1]
    const path = [prefix, pathOf(e.context)].filter(Boolean).join('.')
    let message: string
    if (e.message === '未知字段') message = '未知字段'
    else if (e.value === undefined) message = '缺少必填字段'
    else {
      const expected = e.message ?? (last ? describe(last.type) : '有效值')
      message = `应为${expected}，实际为 ${showValue(e.value)}`
    }
    const key = `${path}\u0000${message}`
    if (!seen.has(key)) {
      seen.add(key)
      out.push({ path, message })
    }
  }
  return out
}

export const formatIssue = (i: Issue): string => (i.path ? `${i.path}: ${i.message}` : i.message)
