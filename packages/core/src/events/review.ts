/** @module Review facts (考核组, SPEC §3 "Verification" and §8 step 3): verifying or returning a unit fact, judging an indicator. */
import type * as t from 'io-ts'
import { NonEmptyString, Slug, Uuid } from '../primitives/ids'
import { NonNegativeNumber } from '../primitives/numbers'
import { unitFact } from './unit-fact'

/** The target unit fact is confirmed (核实). */
export const FactVerified = unitFact('FactVerified', { targetEventId: Uuid }, { note: NonEmptyString })
export type FactVerified = t.TypeOf<typeof FactVerified>

/** The target unit fact stops counting from this event's `recordedAt`; the reason is shown to the unit. */
export const FactReturned = unitFact('FactReturned', { targetEventId: Uuid, reason: NonEmptyString })
export type FactReturned = t.TypeOf<typeof FactReturned>

/** Points of a `judged` indicator (评议类指标), scored by the review group; the latest one counts. */
export const IndicatorJudged = unitFact('IndicatorJudged', {
  schemeId: Slug,
  indicatorId: Slug,
  points: NonNegativeNumber,
  reason: NonEmptyString,
})
export type IndicatorJudged = t.TypeOf<typeof IndicatorJudged>
