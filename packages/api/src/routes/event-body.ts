/**
 * @module The append body `{ events: [envelope, …] }`. The middleware checks its shape; each envelope is then
 * decoded by the store's `appendValidated` with the catalog codecs (so a bad event is a 422 naming its path,
 * checked together with the log's rules). The catalog is recorded as the envelope's alternatives, which is
 * what the OpenAPI document shows.
 */
import { CATALOG, EVENT_TYPES, NonNegativeInt, strict, Uuid, withAlternatives } from '@kaoping/core'
import * as t from 'io-ts'

const ExpectedRevision = t.union([NonNegativeInt, t.literal('no_stream'), t.literal('any')])

const envelopeOf = (type: keyof typeof CATALOG) =>
  strict(
    { type: t.literal(type), data: CATALOG[type].codec },
    { id: Uuid, expectedRevision: ExpectedRevision },
    type
  )

/** Any JSON value: the store decodes it. Documented as one of the catalog's envelopes. */
export const EventEnvelope = withAlternatives(
  new t.Type<unknown, unknown, unknown>(
    'Event',
    (_u): _u is unknown => true,
    t.success,
    (a) => a
  ),
  EVENT_TYPES.map(envelopeOf)
)

export const AppendBody = strict(
  { events: t.refinement(t.array(EventEnvelope), (xs) => xs.length > 0, '至少含一个事件的数组') },
  {},
  'AppendBody'
)
