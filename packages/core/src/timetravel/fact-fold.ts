/**
 * @module Facts from events, as a fold: retractions and the 考核组's returns remove facts, verifications mark
 * them, a case's attributes are attached to each of its steps. `select` folds a log from empty; the projection
 * runner keeps each unit's fold and steps it with the unit's new events, so an update makes one fact instead of
 * a fact for each of the unit's ≈ 5,000 events. A step that could change an earlier fact (a retraction, a return,
 * a verification, a case opened under an id already seen) folds the unit again from empty, reusing each fact that
 * comes out the same — so a stepped fold is, by construction, the fold from empty (tested on random logs).
 */
import { parseActor } from '../authority/principal'
import { type EventType, isUnitEvent } from '../events/catalog'
import type { StoredEvent } from '../events/stored'
import { byDateThenSeq, type CaseAttributes, type Fact, groupFacts, type UnitFacts } from '../facts/fact'
import { beijingDateOf, instantMs } from '../primitives/iso-date'

/** Act on other facts rather than facts of their own. */
const NOT_FACTS: ReadonlySet<EventType> = new Set(['EventRetracted', 'FactVerified', 'FactReturned'])

/**
 * The date whose period a fact counts in (SPEC §3 v2 `countsOn ?? occurredOn`). A unit's own claim that a fact
 * counts in another period than it happened in holds once the 考核组 has verified it: otherwise a reporter could
 * move this year's trainings into last year's score. The city's and the 考核组's own dates always hold (a 通报
 * issued in January about last year), and so do files without recorded roles (an admin's trusted re-load).
 */
const countsOnOf = (
  occurredOn: string,
  claimed: unknown,
  isVerified: boolean,
  actor: string | undefined
): string => {
  if (typeof claimed !== 'string' || claimed === occurredOn) return occurredOn
  return isVerified || parseActor(actor ?? '').role !== 'reporter' ? claimed : occurredOn
}

const sameCase = (a: CaseAttributes | undefined, b: CaseAttributes | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.kind === b.kind && a.subject === b.subject)

/** What the fold knows besides the facts: enough to tell whether a new event changes an earlier fact. */
interface Known {
  readonly retracted: Set<string>
  readonly verified: Set<string>
  readonly cases: Map<string, CaseAttributes>
  /** Case ids named by any event folded: a case opened under one of them changes earlier facts. */
  readonly caseIds: Set<string>
}

/**
 * The fact of event `e` (of case `caseId`, if a step of one), or `previous` when that is the same fact (same
 * countsOn, verification and case): the runner's outcomes are kept by the identity of the facts they read.
 */
const factOf = (
  e: StoredEvent,
  caseId: string | undefined,
  known: Known,
  previous: Fact | undefined
): Fact => {
  const data = e.data as Readonly<Record<string, unknown>>
  const attrs = caseId === undefined ? undefined : known.cases.get(caseId)
  const isVerified = known.verified.has(e.id)
  const occurredOn = (data as { occurredOn: string }).occurredOn
  const countsOn = countsOnOf(occurredOn, data.countsOn, isVerified, e.actor)
  if (
    previous !== undefined &&
    previous.countsOn === countsOn &&
    (previous.verified === true) === isVerified &&
    sameCase(previous.case, attrs)
  )
    return previous
  // Assigned, not spread: this runs for every event of a unit's history.
  const fresh: { -readonly [K in keyof Fact]: Fact[K] } = {
    id: e.id,
    type: e.type,
    unitId: (data as { unitId: string }).unitId,
    occurredOn,
    countsOn,
    seq: e.seq,
    data,
  }
  if (attrs) fresh.case = attrs
  if (isVerified) fresh.verified = true
  if ((e.type === 'CaseClosed' || e.type === 'CaseExtended') && isReporter(e.actor))
    fresh.recordedOn = recordedOnOf(e.recordedAt)
  return fresh
}

/**
 * A reporter's own closing or extension carries the day it was entered: its date is the unit's word until verified
 * (cases/time-limit.ts). The city's and the 考核组's records, and files without roles (an admin's trusted re-load),
 * are taken at their dates, as `countsOnOf` takes their countsOn.
 */
const isReporter = (actor: string | undefined) => parseActor(actor ?? '').role === 'reporter'

// One string per Beijing day (a few hundred), not one per closing: the runner keeps every fact.
const days = new Map<string, string>()
const recordedOnOf = (recordedAt: string): string => {
  const day = beijingDateOf(instantMs(recordedAt))
  const known = days.get(day)
  if (known !== undefined) return known
  days.set(day, day)
  return day
}

/** The case a step belongs to (a case's own opening is not a step of it). */
const stepOf = (e: StoredEvent): string | undefined => {
  if (e.type === 'CaseOpened') return undefined
  const caseId = (e.data as { caseId?: unknown }).caseId
  return typeof caseId === 'string' ? caseId : undefined
}

const emptyKnown = (): Known => ({
  retracted: new Set(),
  verified: new Set(),
  cases: new Map(),
  caseIds: new Set(),
})

const opened = (e: StoredEvent & { type: 'CaseOpened' }): CaseAttributes => ({
  kind: e.data.kind,
  ...(e.data.subject === undefined ? {} : { subject: e.data.subject }),
})

/**
 * Facts made before from a list of events (the runner's, for the current state), by the index of their event in
 * it. A fold of a cut of the same list (an as-of score) reuses the fact at an event's index when it was made from
 * that very event (same id, same data object) and comes out the same (countsOn, verification, case), instead of
 * making an equal one: an as-of ranking then allocates only the facts that differ at its instant.
 */
export type KnownFacts = ReadonlyArray<Fact | undefined>

/** A lent fact, if it was made from the very event `e` (its id and its data object). */
const lentFor = (e: StoredEvent, lent: Fact | undefined): Fact | undefined =>
  lent !== undefined && lent.id === e.id && lent.data === e.data ? lent : undefined

/**
 * The facts of `events` (unit events and registry events alike; only unit events make facts) in log order, from
 * empty. `occurredBy` keeps only facts that occurred by then; `made[i]`, when given, is a fact made earlier from
 * `events[i]`, reused if it comes out the same, and receives the fact made (undefined: none); without it, a fact
 * of `reuse` made from the same event is reused the same way.
 */
export const foldFacts = (
  events: ReadonlyArray<StoredEvent>,
  occurredBy?: string,
  made?: Array<Fact | undefined>,
  reuse?: KnownFacts
): { readonly facts: Fact[]; readonly known: Known } => {
  const known = emptyKnown()
  const { retracted, verified, cases, caseIds } = known
  // One pass finds what acts on other events (few); what they do is settled before any fact is made.
  const acts: StoredEvent[] = []
  const opens: Array<StoredEvent & { type: 'CaseOpened' }> = []
  for (const e of events) {
    if (e.type === 'EventRetracted') retracted.add(e.data.targetEventId)
    else if (e.type === 'FactReturned' || e.type === 'FactVerified') acts.push(e)
    else if (e.type === 'CaseOpened') opens.push(e)
  }
  // A fact the 考核组 returned stops counting like a retracted one; a verification counts while not retracted.
  for (const e of acts) {
    if (retracted.has(e.id)) continue
    if (e.type === 'FactReturned') retracted.add(e.data.targetEventId)
    else if (e.type === 'FactVerified') verified.add(e.data.targetEventId)
  }
  for (const e of opens) {
    caseIds.add(e.data.caseId)
    if (!retracted.has(e.id)) cases.set(e.data.caseId, opened(e))
  }
  const facts: Fact[] = []
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!
    let fact: Fact | undefined
    if (isUnitEvent(e) && !NOT_FACTS.has(e.type) && !retracted.has(e.id)) {
      const caseId = stepOf(e)
      if (caseId !== undefined) caseIds.add(caseId)
      if (occurredBy === undefined || e.data.occurredOn <= occurredBy) {
        fact = factOf(e, caseId, known, made ? made[i] : lentFor(e, reuse?.[i]))
        facts.push(fact)
      }
    }
    if (made) made[i] = fact
  }
  return { facts, known }
}

/** A copy of the sorted list with `fact` in its place (a new array: outcomes compare lists by identity first). */
const inserted = (list: ReadonlyArray<Fact> | undefined, fact: Fact): Fact[] => {
  if (!list) return [fact]
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (byDateThenSeq(list[mid]!, fact) <= 0) lo = mid + 1
    else hi = mid
  }
  const copy = list.slice(0, lo)
  copy.push(fact)
  for (let i = lo; i < list.length; i++) copy.push(list[i]!)
  return copy
}

/** A new sorted list of `list` and `more` (sorted), merged in one pass. */
const mergedSorted = (list: ReadonlyArray<Fact>, more: ReadonlyArray<Fact>): Fact[] => {
  const out: Fact[] = []
  let i = 0
  let j = 0
  while (i < list.length && j < more.length)
    out.push(byDateThenSeq(list[i]!, more[j]!) <= 0 ? list[i++]! : more[j++]!)
  while (i < list.length) out.push(list[i++]!)
  while (j < more.length) out.push(more[j++]!)
  return out
}

/**
 * `groups` with `facts` added, as a new map whose changed lists are new arrays (the others shared): a fact into
 * its place, several of a type merged in one pass (a batch of 100 trainings copied the list 100 times).
 */
const withFacts = (groups: UnitFacts, facts: ReadonlyArray<Fact>): Map<EventType, Fact[]> => {
  const next = new Map(groups) as Map<EventType, Fact[]>
  for (const [type, added] of groupFacts(facts)) {
    const old = groups.get(type)
    next.set(
      type,
      !old ? [...added] : added.length === 1 ? inserted(old, added[0]!) : mergedSorted(old, added)
    )
  }
  return next
}

/** One unit's facts for the current state, stepped with the unit's new events. */
export interface UnitFactFold {
  /** The facts of `events` (the unit's whole list of its own events, in log order), grouped by type in scoring order. */
  readonly of: (events: ReadonlyArray<StoredEvent>) => UnitFacts
  /** The facts made so far, by the index of the list folded. */
  readonly known: () => KnownFacts
}

export const unitFactFold = (): UnitFactFold => {
  /** The list folded so far (the runner's event cache grows it in place) and how much of it. */
  let list: ReadonlyArray<StoredEvent> | undefined
  let consumed = 0
  let known = emptyKnown()
  let made: Array<Fact | undefined> = []
  let groups: UnitFacts = new Map()

  const refold = (events: ReadonlyArray<StoredEvent>): UnitFacts => {
    // Facts made from the same list are reused by index; another list, or this one cut shorter, may hold other
    // events at those indexes.
    if (events !== list || events.length < consumed) made = []
    const folded = foldFacts(events, undefined, made)
    known = folded.known
    groups = groupFacts(folded.facts)
    list = events
    consumed = events.length
    return groups
  }

  /** Makes event `i`'s fact (into `fresh`); false when it may change an earlier fact (then only a fold from empty). */
  const step = (e: StoredEvent, i: number, fresh: Fact[]): boolean => {
    if (!isUnitEvent(e) || NOT_FACTS.has(e.type)) return false
    if (e.type === 'CaseOpened') {
      if (known.caseIds.has(e.data.caseId)) return false
      known.caseIds.add(e.data.caseId)
      if (!known.retracted.has(e.id)) known.cases.set(e.data.caseId, opened(e))
    }
    const caseId = stepOf(e)
    if (caseId !== undefined) known.caseIds.add(caseId)
    if (known.retracted.has(e.id)) {
      made[i] = undefined
      return true
    }
    const fact = factOf(e, caseId, known, undefined)
    made[i] = fact
    fresh.push(fact)
    return true
  }

  return {
    // Each lent fact is checked against the event it is lent for (lentFor): no state of the fold can mislead it.
    known: () => made,
    of: (events) => {
      if (events !== list || events.length < consumed) return refold(events)
      if (events.length === consumed) return groups
      const fresh: Fact[] = []
      for (let i = consumed; i < events.length; i++) if (!step(events[i]!, i, fresh)) return refold(events)
      consumed = events.length
      // Groups are handed out and kept by the caller's outcomes: new facts make new lists, the others are shared.
      groups = withFacts(groups, fresh)
      return groups
    },
  }
}
