/** @module Study, training, publicity and documents: the everyday work of 法治人社建设. */
import * as t from 'io-ts'
import { NonEmptyString, Slug } from '../primitives/ids'
import { NonNegativeInt, NonNegativeNumber, Year } from '../primitives/numbers'
import { unitFact } from './unit-fact'

export const TrainingKind = t.keyof({
  leadership_study: null,
  enforcement_training: null,
  law_exam: null,
  lecture: null,
  court_observation: null,
  daily_study: null,
})

export const TrainingHeld = unitFact(
  'TrainingHeld',
  { sessionId: Slug, kind: TrainingKind, topic: NonEmptyString, attendees: NonNegativeInt },
  { hours: NonNegativeNumber, passed: NonNegativeInt }
)
export type TrainingHeld = t.TypeOf<typeof TrainingHeld>

export const PublicityKind = t.keyof({
  lecture: null,
  campaign: null,
  case_explanation: null,
  new_media: null,
  contest: null,
  site_visit: null,
})

export const PublicityHeld = unitFact(
  'PublicityHeld',
  { activityId: Slug, kind: PublicityKind, topic: NonEmptyString },
  { reach: NonNegativeInt }
)

/**
 * `reportYear` (所属年度): the year a report is about — a year-end report is sent the next January, and last year's,
 * sent this January, must not answer for this year's (a scheme's where names the year).
 */
export const DocumentIssued = unitFact(
  'DocumentIssued',
  { documentId: Slug, docType: Slug, title: NonEmptyString },
  { docNumber: NonEmptyString, reportYear: Year }
)
