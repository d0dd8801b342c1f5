/** @module Numeric codecs for event fields. */
import * as t from 'io-ts'

export interface NonNegativeIntBrand {
  readonly NonNegativeInt: unique symbol
}
export const NonNegativeInt = t.brand(
  t.number,
  (n): n is t.Branded<number, NonNegativeIntBrand> => Number.isSafeInteger(n) && n >= 0,
  'NonNegativeInt'
)
export type NonNegativeInt = t.TypeOf<typeof NonNegativeInt>

export interface LimitDaysBrand {
  readonly LimitDays: unique symbol
}
/**
 * A time limit or its extension, in days: a whole number from 1 to 3,650 (ten years) — bounded, since counting
 * working days steps a day at a time and a limit of 1e15 from a hostile scheme or event would never end.
 */
export const LimitDays = t.brand(
  t.number,
  (n): n is t.Branded<number, LimitDaysBrand> => Number.isSafeInteger(n) && n >= 1 && n <= 3650,
  'LimitDays'
)
export type LimitDays = t.TypeOf<typeof LimitDays>

export interface YearBrand {
  readonly Year: unique symbol
}
/** A calendar year (所属年度), 1949 to 2100. */
export const Year = t.brand(
  t.number,
  (n): n is t.Branded<number, YearBrand> => Number.isSafeInteger(n) && n >= 1949 && n <= 2100,
  'Year'
)

export interface NonNegativeNumberBrand {
  readonly NonNegativeNumber: unique symbol
}
export const NonNegativeNumber = t.brand(
  t.number,
  (n): n is t.Branded<number, NonNegativeNumberBrand> => Number.isFinite(n) && n >= 0,
  'NonNegativeNumber'
)
export type NonNegativeNumber = t.TypeOf<typeof NonNegativeNumber>

export interface Score100Brand {
  readonly Score100: unique symbol
}
/** A 0–100 score (案卷评查, 满意度测评). */
export const Score100 = t.brand(
  t.number,
  (n): n is t.Branded<number, Score100Brand> => Number.isFinite(n) && n >= 0 && n <= 100,
  'Score100'
)
export type Score100 = t.TypeOf<typeof Score100>

export interface FiniteNumberBrand {
  readonly FiniteNumber: unique symbol
}
/** Any finite number, possibly negative (point adjustments). */
export const FiniteNumber = t.brand(
  t.number,
  (n): n is t.Branded<number, FiniteNumberBrand> => Number.isFinite(n),
  'FiniteNumber'
)
export type FiniteNumber = t.TypeOf<typeof FiniteNumber>

/** The same check, typed as a plain `number`: for unions and conditions whose static type is `number`. */
export const Finite: t.Type<number, number, unknown> = t.refinement(t.number, Number.isFinite, 'FiniteNumber')
