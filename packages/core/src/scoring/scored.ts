/** @module What a scoring kind returns: points before rounding, and the rule applied, in words. */
import type { Decimal } from '../primitives/decimal'

export interface Scored {
  readonly points: Decimal
  readonly explanation: string
}
