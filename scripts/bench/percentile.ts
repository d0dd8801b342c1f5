/** @module The benches' one percentile: the sample at rank ⌊p % · n⌋ of the sorted samples (the largest for p = 100). */
export const pct = (xs: ReadonlyArray<number>, p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!
