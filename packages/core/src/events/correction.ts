/** @module Corrections: events are never edited, so mistakes are retracted and manual points are recorded with who approved them. */
import type * as t from 'io-ts'
import { NonEmptyString, Slug, Uuid } from '../primitives/ids'
import { FiniteNumber } from '../primitives/numbers'
import { unitFact } from './unit-fact'

/** The target stops counting from this event's `recordedAt` on (SPEC §3). */
export const EventRetracted = unitFact('EventRetracted', { targetEventId: Uuid, reason: NonEmptyString })
export type EventRetracted = t.TypeOf<typeof EventRetracted>

export const PointsAdjusted = unitFact('PointsAdjusted', {
  schemeId: Slug,
  indicatorId: Slug,
  points: FiniteNumber,
  reason: NonEmptyString,
  approvedBy: NonEmptyString,
})
export type PointsAdjusted = t.TypeOf<typeof PointsAdjusted>
