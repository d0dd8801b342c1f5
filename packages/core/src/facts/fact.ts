/** @module A fact: a stored, non-retracted unit event as scoring sees it, enriched with its case's attributes. */
import type { CaseKind } from '../events/case'
import type { EventType } from '../events/catalog'

export interface CaseAttributes {
  readonly kind: CaseKind
  readonly subject?: string
}

export interface Fact {
  readonly id: string
  readonly type: EventType
  readonly unitId: string
  readonly occurredOn: string
  /**
   * The business date whose period the fact counts in: `data.countsOn ?? occurredOn` (SPEC §3 v2). Period
   * membership uses it; deadlines compare `occurredOn`.
   */
  readonly countsOn: string
  /** Order in the log (global position): breaks ties between facts of the same day. */
  readonly seq: number
  readonly data: Readonly<Record<string, unknown>>
  readonly case?: CaseAttributes
  /** Verified by the 考核组 (FactVerified) as of the cut; a scheme may count only such facts. */
  readonly verified?: true
  /**
   * The Beijing date it was recorded, on a case's closings and extensions a reporter recorded: a time limit asks
   * whether a closing dated in time was also entered in time (cases/time-limit.ts).
   */
  readonly recordedOn?: string
}

/** A unit's facts by type, each list sorted by (occurredOn, seq). */
export type UnitFacts = ReadonlyMap<EventType, ReadonlyArray<Fact>>

/** Reads a data field, or the enriched `case.kind` / `case.subject`. */
export const fieldValue = (fact: Fact, field: string): unknown => {
  if (field === 'case.kind') return fact.case?.kind
  if (field === 'case.subject') return fact.case?.subject
  return fact.data[field]
}

export const byDateThenSeq = (a: Fact, b: Fact): number =>
  a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : a.seq - b.seq

/** Groups facts by type in scoring order. */
export const groupFacts = (facts: ReadonlyArray<Fact>): UnitFacts => {
  const map = new Map<EventType, Fact[]>()
  for (const f of facts) {
    const list = map.get(f.type)
    if (list) list.push(f)
    else map.set(f.type, [f])
  }
  for (const list of map.values()) list.sort(byDateThenSeq)
  return map
}
