/**
 * @module Case lifecycles as the reporters record them: opened → defence → hearing → decided (→ appeal hearing →
 * decided at second instance) → closed → ruling performed. A case carried over from 2016 is opened in December
 * 2016 and entered when the system went live in January; a case still open at the year's end may close in
 * January 2018.
 */
import { type Limit, lastDayOf } from '@kaoping/core'
import districts from '../schemes/districts-2017.json'
import { addDays, between } from './calendar'
import type { Rng } from './prng'
import type { Recorder } from './recorder'

export interface CasePlan {
  readonly kind: string
  readonly opened: string
  /** The day the case was entered, when later than `opened` (a case carried over from 2016). */
  readonly enteredOn?: string
  readonly hearings?: ReadonlyArray<boolean>
  readonly defenseOnTime?: boolean
  /** First-instance outcome. */
  readonly outcome?: string
  /** An appeal: a second-instance hearing (the leader present or not) and its outcome, which is final. */
  readonly appeal?: { readonly outcome: string; readonly leaderAppeared: boolean }
  readonly closed?: {
    readonly withinTimeLimit: boolean
    readonly resolution?: string
    readonly amountRecoveredYuan?: number
    /** The closing date, when the plan fixes it (a carried-over case closed in January 2017, one closed in 2018). */
    readonly on?: string
  }
  readonly performed?: boolean
  readonly subject?: string
}

/** The last date a step drawn at random may fall on: the demo year's end. */
const LAST = '2017-12-31'

/** The 2017 schemes' statutory limits and calendar (both schemes state the same). */
const LIMITS = districts.timeLimits as Readonly<Record<string, Limit>>

/**
 * The date a closing the plan calls late falls on — a week past the kind's last day under the 2017 schemes, so that
 * the dates say what the plan says (the schemes count 按期结案 from the dates, not from `withinTimeLimit`) — or
 * undefined when that is past the year's end: the plan closed it in 2017, and the seed's figures count the year's
 * closings (利州's 1071), so such a case is closed on time, as the dates then say.
 */
const lateOn = (kind: string, opened: string, drawn: string): string | undefined => {
  const limit = LIMITS[kind]
  if (limit === undefined) return drawn
  const late = addDays(lastDayOf(opened, limit, districts.calendar), 7)
  if (late > LAST) return undefined
  return late > drawn ? late : drawn
}

/**
 * Records one case; every step is recorded after the previous one, and its date is never earlier. Returns the
 * event ids in order (CaseOpened first).
 */
export const recordCase = (
  rec: Recorder,
  r: Rng,
  unitId: string,
  caseId: string,
  plan: CasePlan,
  actor: string
): string[] => {
  let day = plan.opened
  const step = (maxDays: number) => {
    const next = between(r, day, addDays(day, maxDays))
    day = next > LAST && day <= LAST ? LAST : next
    return day
  }
  const ids: string[] = []
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
    actor,
    undefined,
    plan.enteredOn
  )
  ids.push(last)
  const follow = (type: string, data: Record<string, unknown>, on: string) => {
    last = rec.record(type, { unitId, occurredOn: on, caseId, ...data }, actor, last)
    ids.push(last)
  }
  if (plan.defenseOnTime !== undefined) follow('DefenseSubmitted', { onTime: plan.defenseOnTime }, step(15))
  for (const leaderAppeared of plan.hearings ?? []) follow('HearingHeld', { leaderAppeared }, step(40))
  if (plan.outcome) follow('CaseDecided', { instance: 'first', outcome: plan.outcome }, step(30))
  if (plan.appeal) {
    follow('HearingHeld', { leaderAppeared: plan.appeal.leaderAppeared }, step(60))
    follow('CaseDecided', { instance: 'second', outcome: plan.appeal.outcome }, step(30))
  }
  if (plan.closed) {
    const { on, ...planned } = plan.closed
    let closed = planned
    // A fixed closing date never comes before the steps already taken.
    if (on !== undefined && on > day) day = on
    if (on === undefined) {
      // Drawn in any case, so the rest of the demo's random stream is the same.
      step(20)
      if (!closed.withinTimeLimit) {
        const late = lateOn(plan.kind, plan.opened, day)
        if (late === undefined) closed = { ...closed, withinTimeLimit: true }
        else day = late
      }
    }
    follow('CaseClosed', closed, day)
  }
  if (plan.performed) follow('RulingPerformed', {}, step(20))
  return ids
}
