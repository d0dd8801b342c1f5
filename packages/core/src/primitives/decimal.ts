/** @module Decimal arithmetic for points: no binary floats anywhere a point is computed or compared. */
import DecimalJs from 'decimal.js'

/**
 * A Decimal with enough precision that every intermediate value of a scheme is exact
 * (ratios are divided only at the very end) and ROUND_HALF_UP, the rounding the SPEC prescribes.
 */
export const Decimal = DecimalJs.clone({ precision: 60, rounding: DecimalJs.ROUND_HALF_UP })
export type Decimal = DecimalJs

export const ZERO = new Decimal(0)

/** Reads a JSON number as the decimal a person wrote (0.1 stays exactly 0.1). */
export const dec = (n: number | string): Decimal => new Decimal(typeof n === 'number' ? String(n) : n)

/** Points are rounded half-up to 2 decimals (SPEC §4 "Arithmetic"). */
export const round2 = (d: Decimal): Decimal => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP)

export const fmt2 = (d: Decimal): string => d.toFixed(2, Decimal.ROUND_HALF_UP)
export const fmt4 = (d: Decimal): string => d.toFixed(4, Decimal.ROUND_HALF_UP)

export const max0 = (d: Decimal): Decimal => (d.isNegative() ? ZERO : d)

/** Shortest readable form for explanations: 0.5 not 0.50, 3 not 3.00. */
export const plain = (d: Decimal): string => d.toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toString()
