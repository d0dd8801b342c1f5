/** @module The common part of every unit-scoped event: which unit, and the business date it happened. */
import * as t from 'io-ts'
import { strict } from '../codec/strict'
import { NonEmptyString, UnitId } from '../primitives/ids'
import { IsoDate } from '../primitives/iso-date'

export interface Sha256Brand {
  readonly Sha256: unique symbol
}
/** A file's content address: 64 lowercase hex digits. */
export const Sha256 = t.brand(
  t.string,
  (s): s is t.Branded<string, Sha256Brand> => /^[0-9a-f]{64}$/.test(s),
  'Sha256'
)
export type Sha256 = t.TypeOf<typeof Sha256>

/** 佐证材料 (SPEC §9): files referenced by content hash, with the name a person gave them. */
export const EvidenceRef = strict({ sha256: Sha256, name: NonEmptyString }, {}, 'EvidenceRef')
export type EvidenceRef = t.TypeOf<typeof EvidenceRef>
const MAX_EVIDENCE = 50
export const EvidenceList = t.refinement(
  t.array(EvidenceRef),
  (a) => a.length <= MAX_EVIDENCE,
  `至多 ${MAX_EVIDENCE} 个佐证材料`
)

/**
 * v2 fields every unit fact may carry: `countsOn` (计入日期, the date whose period the fact counts in when it
 * differs from `occurredOn`) and `evidence` (SPEC §3, §9).
 */
const V2_OPTIONAL = { countsOn: IsoDate, evidence: EvidenceList }

/** Data codec of a unit fact: `unitId` and `occurredOn` plus the given fields (SPEC §3 envelope). */
export const unitFact = <R extends t.Props, O extends t.Props = Record<never, never>>(
  name: string,
  required: R,
  optional?: O
) =>
  strict(
    { unitId: UnitId, occurredOn: IsoDate, ...required },
    { ...V2_OPTIONAL, ...(optional ?? ({} as O)) },
    name
  )
