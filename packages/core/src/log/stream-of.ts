/** @module Which stream an event belongs to (SPEC §3 "Streams"). */
import type { DomainEvent } from '../events/catalog'

export const UNITS_STREAM = 'units'
export const unitStream = (unitId: string) => `unit-${unitId}`
export const caseStream = (caseId: string) => `case-${caseId}`
export const schemeStream = (schemeId: string) => `scheme-${schemeId}`

/**
 * `retractedCase` is the case a retraction's target belongs to, if any: such a retraction goes to the case's
 * own stream, so the case decider sees it (a wrongly recorded decision can then be recorded again).
 */
export const streamOf = (event: DomainEvent, retractedCase?: string): string => {
  switch (event.type) {
    case 'UnitRegistered':
      return UNITS_STREAM
    case 'SchemePublished':
      return schemeStream(event.data.schemeId)
    case 'CaseOpened':
    case 'HearingHeld':
    case 'DefenseSubmitted':
    case 'CaseDecided':
    case 'CaseClosed':
    case 'RulingPerformed':
      return caseStream(event.data.caseId)
    case 'EventRetracted':
      return retractedCase === undefined ? unitStream(event.data.unitId) : caseStream(retractedCase)
    default:
      return unitStream(event.data.unitId)
  }
}
