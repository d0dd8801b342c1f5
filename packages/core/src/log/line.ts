/** @module One line of an event file: a stored event as exported (SPEC §3 envelope plus store metadata). */
import * as t from 'io-ts'
import { strict } from '../codec/strict'
import { NonEmptyString, Uuid } from '../primitives/ids'
import { IsoInstant } from '../primitives/iso-date'

/**
 * `{ id, type, data, recordedAt, actor? }`; the store's export adds `schemaVersion`, `stream`, `revision`
 * and `position`, which replay accepts and ignores (order is the file's line order).
 */
export const EventLine = strict(
  { id: Uuid, type: t.string, data: t.unknown, recordedAt: IsoInstant },
  {
    actor: NonEmptyString,
    schemaVersion: t.Int,
    stream: NonEmptyString,
    revision: t.union([t.Int, t.string]),
    position: t.union([t.Int, t.string]),
  },
  'EventLine'
)
export type EventLine = t.TypeOf<typeof EventLine>
