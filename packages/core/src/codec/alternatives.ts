/**
 * @module Hand-written codecs (unions chosen by a key or a tag, decoders that reshape) hide what they accept
 * inside a function. They record it here, so a tool that describes codecs — the API's OpenAPI document —
 * can say what the server accepts from the very codecs it validates with.
 */
import type * as t from 'io-ts'

export interface WithAlternatives {
  /** The shapes the codec accepts (any one of them); a single entry for a decoder that reshapes one shape. */
  readonly alternatives: ReadonlyArray<t.Decoder<unknown, unknown>>
}

export const withAlternatives = <C extends object>(
  codec: C,
  alternatives: ReadonlyArray<t.Decoder<unknown, unknown>>
): C & WithAlternatives => Object.assign(codec, { alternatives })

export const alternativesOf = (codec: unknown): ReadonlyArray<t.Decoder<unknown, unknown>> | undefined =>
  (codec as Partial<WithAlternatives>).alternatives
