/**
 * @module The tests a band and a rule apply to a value: each one's symbol, and whether the sign of
 * (value − threshold), compared exactly, passes it. Stated once for both.
 */
export type Test = 'gte' | 'gt' | 'lte' | 'lt' | 'eq'

/** In the order a rule's `when` is read (validation allows exactly one). */
export const TESTS: ReadonlyArray<Test> = ['gte', 'lte', 'gt', 'lt', 'eq']

export const SYMBOL: Readonly<Record<Test, string>> = { gte: '≥', gt: '>', lte: '≤', lt: '<', eq: '=' }

export const passes = (sign: number, test: Test): boolean => {
  switch (test) {
    case 'gte':
      return sign >= 0
    case 'gt':
      return sign > 0
    case 'lte':
      return sign <= 0
    case 'lt':
      return sign < 0
    case 'eq':
      return sign === 0
  }
}
