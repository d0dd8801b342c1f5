/** @module Metric values, compared exactly: a ratio is kept as numerator/denominator until it is shown. */
import { Decimal, fmt2, fmt4, plain, ZERO } from '../primitives/decimal'

export type Value =
  | { readonly _tag: 'number'; readonly n: Decimal }
  /** `show` decides how a person reads it: 30/31 = 96.77%, an average, or a relative change. */
  | {
      readonly _tag: 'ratio'
      readonly num: Decimal
      readonly den: Decimal
      readonly show: 'ratio' | 'average' | 'change'
    }
  | { readonly _tag: 'date'; readonly date: string }
  | { readonly _tag: 'boolean'; readonly b: boolean }
  | { readonly _tag: 'undefined'; readonly why: string }

export const num = (n: Decimal | number): Value => ({ _tag: 'number', n: new Decimal(n) })

export const undefinedValue = (why: string): Value => ({ _tag: 'undefined', why })

/** A ratio with a positive denominator (the sign moves to the numerator), or undefined when it is 0. */
export const ratio = (a: Decimal, b: Decimal, show: 'ratio' | 'average' | 'change', why: string): Value => {
  if (b.isZero()) return undefinedValue(why)
  return b.isNegative()
    ? { _tag: 'ratio', num: a.neg(), den: b.neg(), show }
    : { _tag: 'ratio', num: a, den: b, show }
}

/** The value as an exact fraction, for numeric scoring; undefined for dates and booleans. */
export const fraction = (v: Value): { readonly num: Decimal; readonly den: Decimal } | undefined => {
  if (v._tag === 'number') return { num: v.n, den: new Decimal(1) }
  if (v._tag === 'ratio') return { num: v.num, den: v.den }
  return undefined
}

/** Exact sign of (value − threshold): num − threshold × den, with den > 0. */
export const compareTo = (v: { readonly num: Decimal; readonly den: Decimal }, threshold: Decimal): number =>
  v.num.minus(threshold.times(v.den)).comparedTo(ZERO)

/** The value as one decimal (only where a division is unavoidable, e.g. linear scoring). */
export const toDecimal = (v: { readonly num: Decimal; readonly den: Decimal }): Decimal => v.num.div(v.den)

const pct = (d: Decimal) => `${fmt2(d.times(100))}%`

/** How a value reads in an explanation. */
export const describeValue = (v: Value): string => {
  switch (v._tag) {
    case 'number':
      return plain(v.n)
    case 'ratio':
      if (v.show === 'average') return `平均 ${fmt2(toDecimal(v))}（${plain(v.num)}/${plain(v.den)}）`
      if (v.show === 'change') return `较上期变化 ${pct(toDecimal(v))}（${plain(v.num)}/${plain(v.den)}）`
      return `${plain(v.num)}/${plain(v.den)} = ${pct(toDecimal(v))}`
    case 'date':
      return v.date
    case 'boolean':
      return v.b ? '是' : '否'
    case 'undefined':
      return `无法计算（${v.why}）`
  }
}

/** How a threshold reads next to this value: ratios and changes as percentages. */
/** `rate`: the metric is a rate, for a value that cannot say so itself (undefined: 分母为 0). */
export const describeThreshold = (v: Value, t: Decimal, rate = false): string =>
  (v._tag === 'ratio' && v.show !== 'average') || (v._tag === 'undefined' && rate) ? pct(t) : plain(t)

/** The value in the Result JSON: 2 decimals, ratios 4, dates ISO, booleans as booleans, undefined as null. */
export const serializeValue = (v: Value): string | boolean | null => {
  switch (v._tag) {
    case 'number':
      return fmt2(v.n)
    case 'ratio':
      return v.show === 'average' ? fmt2(toDecimal(v)) : fmt4(toDecimal(v))
    case 'date':
      return v.date
    case 'boolean':
      return v.b
    case 'undefined':
      return null
  }
}
