/** @module Builders for case events, named after what they record; ids are deterministic per call order. */
import type { CaseStreamEvent } from '../deciders/case-lifecycle'
import type { CaseKind, Instance, Outcome } from '../events/case'
import type { EventData } from '../events/catalog'

let counter = 0
/** A UUID-shaped id from a counter: stable across runs, unique within one. */
export const testId = (): string => `00000000-0000-4000-8000-${(++counter).toString(16).padStart(12, '0')}`

type Data<K extends keyof EventData> = EventData[K]
const on = '2017-03-01'

export const caseOpened = (caseId: string, unitId = 'jiange', kind: CaseKind = 'administrative_litigation') =>
  ({
    id: testId(),
    type: 'CaseOpened',
    data: { unitId, occurredOn: on, caseId, kind } as Data<'CaseOpened'>,
  }) as const satisfies CaseStreamEvent

export const hearingHeld = (caseId: string, leaderAppeared = true, unitId = 'jiange') =>
  ({
    id: testId(),
    type: 'HearingHeld',
    data: { unitId, occurredOn: on, caseId, leaderAppeared } as Data<'HearingHeld'>,
  }) as const satisfies CaseStreamEvent

export const caseDecided = (
  caseId: string,
  instance: Instance,
  outcome: Outcome = 'won',
  unitId = 'jiange'
) =>
  ({
    id: testId(),
    type: 'CaseDecided',
    data: { unitId, occurredOn: on, caseId, instance, outcome } as Data<'CaseDecided'>,
  }) as const satisfies CaseStreamEvent

export const caseClosed = (caseId: string, unitId = 'jiange') =>
  ({
    id: testId(),
    type: 'CaseClosed',
    data: { unitId, occurredOn: on, caseId, withinTimeLimit: true } as Data<'CaseClosed'>,
  }) as const satisfies CaseStreamEvent

export const rulingPerformed = (caseId: string, unitId = 'jiange') =>
  ({
    id: testId(),
    type: 'RulingPerformed',
    data: { unitId, occurredOn: on, caseId } as Data<'RulingPerformed'>,
  }) as const satisfies CaseStreamEvent

export const caseExtended = (caseId: string, days = 30, unitId = 'jiange') =>
  ({
    id: testId(),
    type: 'CaseExtended',
    data: { unitId, occurredOn: on, caseId, days } as Data<'CaseExtended'>,
  }) as const satisfies CaseStreamEvent

export const retracted = (targetEventId: string, unitId = 'jiange') =>
  ({
    id: testId(),
    type: 'EventRetracted',
    data: { unitId, occurredOn: on, targetEventId, reason: '录入错误' } as Data<'EventRetracted'>,
  }) as const satisfies CaseStreamEvent
