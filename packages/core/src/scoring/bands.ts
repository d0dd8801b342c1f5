/** @module bands: the first band whose test the value passes gives the points; none passes → `else` (default 0). */

import { compareTo, describeThreshold, describeValue, fraction, type Value } from '../metrics/value'
import { Decimal, plain } from '../primitives/decimal'
import type { Band } from '../scheme/scoring-spec'
import { passes, SYMBOL } from './comparison'
import type { Scored } from './scored'

/**
 * Ratios are compared exactly: 30/31 against ≥ 96% tests 30 − 0.96 × 31 = 0.24 ≥ 0, never 0.9677… as a float.
 * @example 出庭应诉 9/10 with bands ≥100%: 6, ≥90%: 4 → 4.
 */
export const scoreBands = (
  value: Value,
  bands: ReadonlyArray<Band>,
  otherwise: number | undefined
): Scored => {
  const f = fraction(value)!
  for (const band of bands) {
    const threshold = new Decimal(String(band.threshold))
    if (passes(compareTo(f, threshold), band.test)) {
      const points = new Decimal(String(band.points))
      return {
        points,
        explanation: `取值 ${describeValue(value)}，符合档位 ${SYMBOL[band.test]}${describeThreshold(value, threshold)}，得 ${plain(points)} 分`,
      }
    }
  }
  const points = new Decimal(String(otherwise ?? 0))
  return { points, explanation: `取值 ${describeValue(value)}，未达到任何档位，得 ${plain(points)} 分` }
}
