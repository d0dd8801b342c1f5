/** @module Decode with a codec, then reshape the value (decode-only: schemes are stored as the JSON people wrote). */
import * as t from 'io-ts'
import { withAlternatives } from './alternatives'

export const mapDecoded = <A, B>(
  codec: t.Decoder<unknown, A>,
  f: (a: A) => B,
  name: string = codec.name
): t.Type<B, unknown, unknown> =>
  withAlternatives(
    new t.Type<B, unknown, unknown>(
      name,
      (_u): _u is B => false,
      (u, c) => {
        const r = codec.validate(u, c)
        return r._tag === 'Left' ? r : t.success(f(r.right))
      },
      (b) => b
    ),
    [codec]
  )
