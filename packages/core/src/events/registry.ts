/** @module Unit registry events (stream `units`). */
import * as t from 'io-ts'
import { strict } from '../codec/strict'
import { NonEmptyString, UnitId } from '../primitives/ids'

export const UnitKind = t.keyof({ district: null, department: null })
export type UnitKind = t.TypeOf<typeof UnitKind>

export const UnitRegistered = strict(
  { unitId: UnitId, name: NonEmptyString, kind: UnitKind },
  {},
  'UnitRegistered'
)
export type UnitRegistered = t.TypeOf<typeof UnitRegistered>
