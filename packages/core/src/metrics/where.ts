/** @module Matching a fact against a metric's `where` conditions. */
import { type Fact, fieldValue } from '../facts/fact'
import type { Condition, Where } from '../scheme/metric'

type Test = (actual: unknown) => boolean

const compare = (cmp: 'gte' | 'lte' | 'gt' | 'lt', to: number | string): Test => {
  switch (cmp) {
    case 'gte':
      return (a) => typeof a === typeof to && (a as typeof to) >= to
    case 'lte':
      return (a) => typeof a === typeof to && (a as typeof to) <= to
    case 'gt':
      return (a) => typeof a === typeof to && (a as typeof to) > to
    case 'lt':
      return (a) => typeof a === typeof to && (a as typeof to) < to
  }
}

const testOf = (c: Condition): Test => {
  if ('eq' in c) return (a) => a === c.eq
  if ('ne' in c) return (a) => a !== c.ne
  // A Set has the same equality as `includes` (SameValueZero) and does not scan the list.
  if ('in' in c) {
    const set = new Set<unknown>(c.in)
    return (a) => set.has(a)
  }
  if ('notIn' in c) {
    const set = new Set<unknown>(c.notIn)
    return (a) => !set.has(a)
  }
  return compare(c.cmp, c.to)
}

interface Compiled {
  readonly fields: ReadonlyArray<string>
  readonly tests: ReadonlyArray<Test>
}

/**
 * Each `where` is turned into tests once (a scheme's conditions are checked against every fact of a unit's year
 * on every scoring), kept per decoded scheme object.
 */
const compiled = new WeakMap<Where, Compiled>()
const compiledOf = (where: Where): Compiled => {
  let c = compiled.get(where)
  if (!c) {
    const fields = Object.keys(where)
    c = { fields, tests: fields.map((f) => testOf(where[f]!)) }
    compiled.set(where, c)
  }
  return c
}

export const matches = (fact: Fact, where: Where | undefined): boolean => {
  if (!where) return true
  const { fields, tests } = compiledOf(where)
  for (let i = 0; i < fields.length; i++) if (!tests[i]!(fieldValue(fact, fields[i]!))) return false
  return true
}

/** The same conditions over any record's fields (a case's attributes). */
export const matchesRecord = (record: object, where: Where | undefined): boolean => {
  if (!where) return true
  const { fields, tests } = compiledOf(where)
  const fieldsOf = record as Readonly<Record<string, unknown>>
  for (let i = 0; i < fields.length; i++) if (!tests[i]!(fieldsOf[fields[i]!])) return false
  return true
}
