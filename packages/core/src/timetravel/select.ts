/**
 * @module What scoring may see at a cut: registered units, published scheme versions, and each unit's
 * facts with retractions applied and case attributes attached (SPEC §3 "EventRetracted", §5).
 */

import { parseActor } from '../authority/principal'
import { type EventType, isUnitEvent } from '../events/catalog'
import type { StoredEvent } from '../events/stored'
import type { CaseAttributes, Fact } from '../facts/fact'
import { instantMs } from '../primitives/iso-date'
import type { Scheme } from '../scheme/scheme'
import type { UnitInfo } from '../scoring/evaluate-unit'
import type { Cut } from './as-of'

export interface PublishedScheme {
  readonly scheme: Scheme
  readonly recordedAt: string
  readonly event: string
}

export interface Selection {
  readonly units: ReadonlyMap<string, UnitInfo>
  readonly schemes: ReadonlyArray<PublishedScheme>
  readonly facts: ReadonlyMap<string, ReadonlyArray<Fact>>
}

/** Acts on other facts rather than facts of their own. */
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

/**
 * The fact last made from each stored event, handed out again while it would come out the same (its case, its
 * verification and so its `countsOn` unchanged). Only the projection runner keeps one, for the current state: it
 * re-selects a unit's whole history on each of its events, and keeps outcomes by the identity of the facts they
 * read (scoring/memo.ts). Without one, every fact is made anew.
 */
export type MadeFacts = WeakMap<StoredEvent, Fact>

const sameCase = (a: CaseAttributes | undefined, b: CaseAttributes | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.kind === b.kind && a.subject === b.subject)

export const select = (events: ReadonlyArray<StoredEvent>, cut: Cut, made?: MadeFacts): Selection => {
  // On the recorded basis the log ends at the cut: later retractions do not apply yet.
  const visible =
    'recordedBy' in cut ? events.filter((e) => instantMs(e.recordedAt) <= cut.recordedBy) : events
  const retracted = new Set<string>()
  for (const e of visible) if (e.type === 'EventRetracted') retracted.add(e.data.targetEventId)
  // A fact the 考核组 returned stops counting like a retracted one; a verification counts while not retracted.
  const verified = new Set<string>()
  for (const e of visible) {
    if (retracted.has(e.id)) continue
    if (e.type === 'FactReturned') retracted.add(e.data.targetEventId)
    else if (e.type === 'FactVerified') verified.add(e.data.targetEventId)
  }

  const units = new Map<string, UnitInfo>()
  const schemes: PublishedScheme[] = []
  const cases = new Map<string, CaseAttributes>()
  for (const e of visible) {
    if (retracted.has(e.id)) continue
    if (e.type === 'UnitRegistered') units.set(e.data.unitId, { ...e.data })
    else if (e.type === 'SchemePublished')
      schemes.push({ scheme: e.data.scheme, recordedAt: e.recordedAt, event: e.id })
    else if (e.type === 'CaseOpened')
      cases.set(e.data.caseId, {
        kind: e.data.kind,
        ...(e.data.subject === undefined ? {} : { subject: e.data.subject }),
      })
  }

  const facts = new Map<string, Fact[]>()
  for (const e of visible) {
    if (!isUnitEvent(e) || NOT_FACTS.has(e.type)) continue
    if (retracted.has(e.id)) continue
    if ('occurredBy' in cut && e.data.occurredOn > cut.occurredBy) continue
    const data = e.data as Readonly<Record<string, unknown>>
    const attrs =
      typeof data.caseId === 'string' && e.type !== 'CaseOpened' ? cases.get(data.caseId) : undefined
    const isVerified = verified.has(e.id)
    const countsOn = countsOnOf(e.data.occurredOn, data.countsOn, isVerified, e.actor)
    const known = made?.get(e)
    let fact: Fact
    if (
      known !== undefined &&
      known.countsOn === countsOn &&
      (known.verified === true) === isVerified &&
      sameCase(known.case, attrs)
    )
      fact = known
    else {
      // Assigned, not spread: this runs for every event of every scoring (a unit's whole history on each update).
      const fresh: { -readonly [K in keyof Fact]: Fact[K] } = {
        id: e.id,
        type: e.type,
        unitId: e.data.unitId,
        occurredOn: e.data.occurredOn,
        countsOn,
        seq: e.seq,
        data,
      }
      if (attrs) fresh.case = attrs
      if (isVerified) fresh.verified = true
      fact = fresh
      made?.set(e, fact)
    }
    const list = facts.get(fact.unitId)
    if (list) list.push(fact)
    else facts.set(fact.unitId, [fact])
  }
  return { units, schemes, facts }
}
