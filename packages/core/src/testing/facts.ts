/** @module Line builders named after the facts they record, with the defaults of an ordinary 2017 county. */
import type { LineSpec } from './log-builder'

let n = 0
const next = (prefix: string) => `${prefix}-${++n}`
const on = (occurredOn = '2017-06-01') => ({ occurredOn })

export const unitRegistered = (
  unitId: string,
  name = unitId,
  kind: 'district' | 'department' = 'district'
): LineSpec => ({
  type: 'UnitRegistered',
  data: { unitId, name, kind },
})

export const fact = (
  type: string,
  unitId: string,
  data: Record<string, unknown>,
  occurredOn?: string
): LineSpec => ({
  type,
  data: { unitId, ...on(occurredOn), ...data },
})

export const training = (
  unitId: string,
  kind: string,
  extra: Record<string, unknown> = {},
  occurredOn?: string
) =>
  fact(
    'TrainingHeld',
    unitId,
    { sessionId: next('s'), kind, topic: '学法', attendees: 20, ...extra },
    occurredOn
  )

export const documentIssued = (unitId: string, docType: string, occurredOn: string) =>
  fact('DocumentIssued', unitId, { documentId: next('doc'), docType, title: '文件' }, occurredOn)

export const staffing = (
  unitId: string,
  legalSectionEstablished: boolean,
  fullTimeLegalStaff = 1,
  occurredOn?: string
) => fact('StaffingReported', unitId, { legalSectionEstablished, fullTimeLegalStaff }, occurredOn)

export const notification = (
  unitId: string,
  reason: string,
  issuer = 'province',
  rectificationRequired = true
) =>
  fact('NotificationReceived', unitId, { notificationId: next('n'), issuer, reason, rectificationRequired })

export const veto = (unitId: string) =>
  fact('VetoIncidentRecorded', unitId, {
    incidentId: next('v'),
    kind: 'mass_incident_or_petition',
    description: '群体性事件',
  })

/** A case opened and, optionally, followed: returns every line in lifecycle order. */
export const caseWith = (
  unitId: string,
  kind: string,
  follow: {
    readonly hearings?: ReadonlyArray<boolean>
    readonly decided?: string
    readonly closed?: { readonly withinTimeLimit: boolean; readonly resolution?: string }
    readonly occurredOn?: string
  } = {}
): LineSpec[] => {
  const caseId = next(`${unitId}-case`)
  const o = follow.occurredOn
  return [
    fact('CaseOpened', unitId, { caseId, kind }, o),
    ...(follow.hearings ?? []).map((leaderAppeared) =>
      fact('HearingHeld', unitId, { caseId, leaderAppeared }, o)
    ),
    ...(follow.decided
      ? [fact('CaseDecided', unitId, { caseId, instance: 'first', outcome: follow.decided }, o)]
      : []),
    ...(follow.closed ? [fact('CaseClosed', unitId, { caseId, ...follow.closed }, o)] : []),
  ]
}

export const times = <T>(count: number, make: (i: number) => T): T[] =>
  Array.from({ length: count }, (_, i) => make(i))

/** A case with dated steps (for carried-over cases, appeals, late closings). */
export const caseOn = (
  unitId: string,
  kind: string,
  openedOn: string,
  steps: {
    readonly caseId?: string
    readonly hearings?: ReadonlyArray<readonly [boolean, string]>
    readonly decisions?: ReadonlyArray<readonly [instance: string, outcome: string, on: string]>
    readonly closedOn?: string
    readonly withinTimeLimit?: boolean
    readonly resolution?: string
    /** Extensions of its time limit: days, and the date approved. */
    readonly extensions?: ReadonlyArray<readonly [days: number, on: string]>
  } = {}
): LineSpec[] => {
  const caseId = steps.caseId ?? next(`${unitId}-case`)
  return [
    fact('CaseOpened', unitId, { caseId, kind }, openedOn),
    ...(steps.hearings ?? []).map(([leaderAppeared, on]) =>
      fact('HearingHeld', unitId, { caseId, leaderAppeared }, on)
    ),
    ...(steps.decisions ?? []).map(([instance, outcome, on]) =>
      fact('CaseDecided', unitId, { caseId, instance, outcome }, on)
    ),
    ...(steps.extensions ?? []).map(([days, on]) => fact('CaseExtended', unitId, { caseId, days }, on)),
    ...(steps.closedOn
      ? [
          fact(
            'CaseClosed',
            unitId,
            {
              caseId,
              withinTimeLimit: steps.withinTimeLimit ?? true,
              ...(steps.resolution ? { resolution: steps.resolution } : {}),
            },
            steps.closedOn
          ),
        ]
      : []),
  ]
}
