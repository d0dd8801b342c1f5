/**
 * @module What scoring may see at a cut: registered units, published scheme versions, and each unit's
 * facts with retractions applied and case attributes attached (SPEC §3 "EventRetracted", §5).
 */

import type { StoredEvent } from '../events/stored'
import type { Fact } from '../facts/fact'
import { instantMs } from '../primitives/iso-date'
import type { Scheme } from '../scheme/scheme'
import type { UnitInfo } from '../scoring/evaluate-unit'
import type { Cut } from './as-of'
import { foldFacts } from './fact-fold'

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

export const select = (events: ReadonlyArray<StoredEvent>, cut: Cut): Selection => {
  // On the recorded basis the log ends at the cut: later retractions do not apply yet.
  const visible =
    'recordedBy' in cut ? events.filter((e) => instantMs(e.recordedAt) <= cut.recordedBy) : events
  const folded = foldFacts(visible, 'occurredBy' in cut ? cut.occurredBy : undefined)
  const units = new Map<string, UnitInfo>()
  const schemes: PublishedScheme[] = []
  for (const e of visible) {
    if (e.type !== 'UnitRegistered' && e.type !== 'SchemePublished') continue
    if (folded.known.retracted.has(e.id)) continue
    if (e.type === 'UnitRegistered') units.set(e.data.unitId, { ...e.data })
    else schemes.push({ scheme: e.data.scheme, recordedAt: e.recordedAt, event: e.id })
  }
  const facts = new Map<string, Fact[]>()
  for (const fact of folded.facts) {
    const list = facts.get(fact.unitId)
    if (list) list.push(fact)
    else facts.set(fact.unitId, [fact])
  }
  return { units, schemes, facts }
}
