/** @module Case lifecycle events (stream `case-{caseId}`): lawsuits, reconsiderations, inspections, arbitration. */
import * as t from 'io-ts'
import { NonEmptyString, Slug } from '../primitives/ids'
import { LimitDays, NonNegativeNumber } from '../primitives/numbers'
import { unitFact } from './unit-fact'

////////// Vocabularies

export const CaseKind = t.keyof({
  administrative_litigation: null,
  administrative_reconsideration: null,
  labor_inspection: null,
  labor_arbitration: null,
  work_injury_recognition: null,
  procuratorial_supervision: null,
})
export type CaseKind = t.TypeOf<typeof CaseKind>

export const Instance = t.keyof({ first: null, second: null, retrial: null, final: null })
export type Instance = t.TypeOf<typeof Instance>

export const Outcome = t.keyof({
  won: null,
  lost: null,
  withdrawn: null,
  mediated: null,
  upheld: null,
  revoked: null,
  altered: null,
  confirmed_illegal: null,
  ordered_to_perform: null,
  dismissed: null,
  terminated: null,
  recognized: null,
  not_recognized: null,
})
export type Outcome = t.TypeOf<typeof Outcome>

export const Resolution = t.keyof({
  mediated: null,
  awarded: null,
  withdrawn: null,
  penalized: null,
  rectified: null,
})

////////// Events

export const CaseOpened = unitFact(
  'CaseOpened',
  { caseId: Slug, kind: CaseKind },
  { subject: NonEmptyString, caseNumber: NonEmptyString }
)
export type CaseOpened = t.TypeOf<typeof CaseOpened>

export const HearingHeld = unitFact('HearingHeld', { caseId: Slug, leaderAppeared: t.boolean })
export const DefenseSubmitted = unitFact('DefenseSubmitted', { caseId: Slug, onTime: t.boolean })
export const CaseDecided = unitFact('CaseDecided', { caseId: Slug, instance: Instance, outcome: Outcome })
export type CaseDecided = t.TypeOf<typeof CaseDecided>
export const CaseClosed = unitFact(
  'CaseClosed',
  { caseId: Slug, withinTimeLimit: t.boolean },
  { resolution: Resolution, amountRecoveredYuan: NonNegativeNumber }
)
export const RulingPerformed = unitFact('RulingPerformed', { caseId: Slug })
/**
 * An approved extension of the case's time limit (延长办理期限, e.g. 经负责人批准延长30个工作日), or a suspension
 * (中止) recorded as the days it added: counted like the limit of the case's kind (days or working days), from the
 * last day then in force. `occurredOn` is the approval date: one approved after that day extends nothing.
 */
export const CaseExtended = unitFact('CaseExtended', { caseId: Slug, days: LimitDays })

/** Types that follow a CaseOpened; projections enrich them with `case.kind` and `case.subject`. */
export const CASE_FOLLOW_UPS = [
  'HearingHeld',
  'DefenseSubmitted',
  'CaseDecided',
  'CaseClosed',
  'RulingPerformed',
  'CaseExtended',
] as const
export type CaseFollowUpType = (typeof CASE_FOLLOW_UPS)[number]
export const isCaseFollowUp = (type: string): type is CaseFollowUpType =>
  (CASE_FOLLOW_UPS as ReadonlyArray<string>).includes(type)
