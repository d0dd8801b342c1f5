/** @module Oversight facts: censures, staffing, inspections, file reviews, representations, honours, surveys, vetoes. */
import * as t from 'io-ts'
import { NonEmptyString, Slug } from '../primitives/ids'
import { IsoDate } from '../primitives/iso-date'
import { NonNegativeInt, Score100 } from '../primitives/numbers'
import { unitFact } from './unit-fact'

export const Issuer = t.keyof({ province: null, city: null })

export const NotificationReceived = unitFact(
  'NotificationReceived',
  { notificationId: Slug, issuer: Issuer, reason: Slug, rectificationRequired: t.boolean },
  { dueOn: IsoDate }
)
export const RectificationCompleted = unitFact('RectificationCompleted', { notificationId: Slug })

export const StaffingReported = unitFact('StaffingReported', {
  legalSectionEstablished: t.boolean,
  fullTimeLegalStaff: NonNegativeInt,
})

export const InspectionMethod = t.keyof({ double_random: null, special: null, complaint: null })
export const InspectionConducted = unitFact('InspectionConducted', {
  inspectionId: Slug,
  method: InspectionMethod,
  subjects: NonNegativeInt,
  resultsPublished: t.boolean,
})

export const CaseFileReviewScored = unitFact('CaseFileReviewScored', {
  reviewId: Slug,
  score: Score100,
  files: NonNegativeInt,
})

export const RepresentationKind = t.keyof({ npc_suggestion: null, cppcc_proposal: null })
export const RepresentationHandled = unitFact('RepresentationHandled', {
  itemId: Slug,
  kind: RepresentationKind,
  completed: t.boolean,
  satisfied: t.boolean,
})

export const HonorLevel = t.keyof({ national: null, provincial: null, city: null })
export const HonorAwarded = unitFact(
  'HonorAwarded',
  { honorId: Slug, level: HonorLevel, title: NonEmptyString },
  { documentId: Slug }
)

export const SurveyScored = unitFact('SurveyScored', {
  surveyId: Slug,
  score: Score100,
  respondents: NonNegativeInt,
})

export const VetoIncidentRecorded = unitFact('VetoIncidentRecorded', {
  incidentId: Slug,
  kind: Slug,
  description: NonEmptyString,
})
