/** @module Which stream an event belongs to (SPEC §3 "Streams"), read off the catalog's scope. */
import { CATALOG, type DomainEvent } from '../events/catalog'

export const UNITS_STREAM = 'units'
export const unitStream = (unitId: string) => `unit-${unitId}`
export const caseStream = (caseId: string) => `case-${caseId}`
export const schemeStream = (schemeId: string) => `scheme-${schemeId}`

/**
 * `targetCase` is the case a correction's target belongs to, if any: a retraction or a return goes to the
 * case's own stream, so the case decider sees it (a wrongly recorded decision can then be recorded again).
 */
export const streamOf = (event: DomainEvent, targetCase?: string): string => {
  const data = event.data as { unitId?: string; schemeId?: string; caseId?: string }
  switch (CATALOG[event.type].scope) {
    case 'registry':
      return UNITS_STREAM
    case 'scheme':
      return schemeStream(data.schemeId!)
    case 'case':
      return caseStream(data.caseId!)
    case 'correction':
      return targetCase === undefined ? unitStream(data.unitId!) : caseStream(targetCase)
    case 'unit':
      return unitStream(data.unitId!)
  }
}

/** The target of a correction or review act, if the event is one. */
export const targetOf = (event: DomainEvent): string | undefined =>
  'targetEventId' in event.data ? (event.data.targetEventId as string) : undefined
