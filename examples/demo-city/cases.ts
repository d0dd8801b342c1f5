/** @module Case lifecycles as the reporters record them: opened → defence → hearing → decided → closed → ruling performed. */
import { addDays, between } from './calendar'
import type { Rng } from './prng'
import type { Recorder } from './recorder'

export interface CasePlan {
  readonly kind: string
  readonly opened: string
  readonly hearings?: ReadonlyArray<boolean>
  readonly defenseOnTime?: boolean
  readonly outcome?: string
  readonly closed?: {
    readonly withinTimeLimit: boolean
    readonly resolution?: string
    readonly amountRecoveredYuan?: number
  }
  readonly performed?: boolean
  readonly subject?: string
}

/** Records one case; every step is recorded after the previous one, and its date is never earlier. */
export const recordCase = (
  rec: Recorder,
  r: Rng,
  unitId: string,
  caseId: string,
  plan: CasePlan,
  actor: string
): void => {
  let day = plan.opened
  const step = (maxDays: number) => {
    const next = between(r, day, addDays(day, maxDays))
    day = next > '2017-12-31' ? '2017-12-31' : next
    return day
  }
  let last = rec.record(
    'CaseOpened',
    {
      unitId,
      occurredOn: day,
      caseId,
      kind: plan.kind,
      ...(plan.subject ? { subject: plan.subject } : {}),
      caseNumber: caseId.toUpperCase(),
    },
    actor
  )
  const follow = (type: string, data: Record<string, unknown>, maxDays: number) => {
    last = rec.record(type, { unitId, occurredOn: step(maxDays), caseId, ...data }, actor, last)
  }
  if (plan.defenseOnTime !== undefined) follow('DefenseSubmitted', { onTime: plan.defenseOnTime }, 15)
  for (const leaderAppeared of plan.hearings ?? []) follow('HearingHeld', { leaderAppeared }, 40)
  if (plan.outcome) follow('CaseDecided', { instance: 'first', outcome: plan.outcome }, 30)
  if (plan.closed) follow('CaseClosed', plan.closed, 20)
  if (plan.performed) follow('RulingPerformed', {}, 20)
}
