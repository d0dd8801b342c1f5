/** @module Matching a fact against a metric's `where` conditions. */
import { type Fact, fieldValue } from '../facts/fact'
import type { Condition, Where } from '../scheme/metric'

const compare = (actual: unknown, cmp: 'gte' | 'lte' | 'gt' | 'lt', to: number | string): boolean => {
  if (typeof actual !== typeof to) return false
  const a = actual as number | string
  switch (cmp) {
    case 'gte':
      return a >= to
    case 'lte':
      return a <= to
    case 'gt':
      return a > to
    case 'lt':
      return a < to
  }
}

const holds = (actual: unknown, c: Condition): boolean => {
  if ('eq' in c) return actual === c.eq
  if ('in' in c) return c.in.includes(actual as never)
  if ('ne' in c) return actual !== c.ne
  if ('notIn' in c) return !c.notIn.includes(actual as never)
  return compare(actual, c.cmp, c.to)
}

export const matches = (fact: Fact, where: Where | undefined): boolean => {
  if (!where) return true
  for (const field in where) if (!holds(fieldValue(fact, field), where[field]!)) return false
  return true
}

/** The same conditions over any record's fields (a case's attributes). */
export const matchesRecord = (get: (field: string) => unknown, where: Where | undefined): boolean => {
  if (!where) return true
  for (const field in where) if (!holds(get(field), where[field]!)) return false
  return true
}
