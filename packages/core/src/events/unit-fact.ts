/** @module The common part of every unit-scoped event: which unit, and the business date it happened. */
import type * as t from 'io-ts'
import { strict } from '../codec/strict'
import { UnitId } from '../primitives/ids'
import { IsoDate } from '../primitives/iso-date'

/** Data codec of a unit fact: `unitId` and `occurredOn` plus the given fields (SPEC §3 envelope). */
export const unitFact = <R extends t.Props, O extends t.Props = Record<never, never>>(
  name: string,
  required: R,
  optional?: O
) => strict({ unitId: UnitId, occurredOn: IsoDate, ...required }, optional ?? ({} as O), name)
