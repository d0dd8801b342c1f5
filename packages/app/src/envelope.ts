/** @module What a client sends to append (SPEC §3 envelope): the store adds recordedAt, actor and schemaVersion. */
import { NonNegativeInt, strict, Uuid } from '@kaoping/core'
import * as t from 'io-ts'

export const ClientEnvelope = strict(
  { type: t.string, data: t.unknown },
  {
    id: Uuid,
    expectedRevision: t.union(
      [NonNegativeInt, t.literal('no_stream'), t.literal('any')],
      '非负整数、"no_stream" 或 "any"'
    ),
  },
  'Envelope'
)
export type ClientEnvelope = t.TypeOf<typeof ClientEnvelope>
