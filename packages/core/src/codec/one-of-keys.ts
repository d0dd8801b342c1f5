/** @module A union chosen by which key is present, with one precise error instead of io-ts's one-per-branch noise. */
import * as t from 'io-ts'
import { withAlternatives } from './alternatives'

/**
 * Picks the branch whose discriminating key the input has (`{ count: … }` → the count codec).
 * `describe` names the accepted keys for the error when none or several are present.
 */
export const oneOfKeys = <A>(
  name: string,
  branches: ReadonlyArray<readonly [key: string, codec: t.Type<A, unknown, unknown>]>,
  describe: string
): t.Type<A, unknown, unknown> =>
  withAlternatives(
    new t.Type<A, unknown, unknown>(
      name,
      (u): u is A => branches.some(([, c]) => c.is(u)),
      (u, c) => {
        if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, describe)
        const present = branches.filter(([k]) => k in u)
        if (present.length !== 1) return t.failure(u, c, describe)
        return present[0]![1].validate(u, c)
      },
      (a) => a
    ),
    branches.map(([, c]) => c)
  )

/** A union chosen by a `kind` (or other tag) field's value. */
export const byTag = <A>(
  name: string,
  tag: string,
  branches: Readonly<Record<string, t.Decoder<unknown, unknown>>>
): t.Type<A, unknown, unknown> =>
  withAlternatives(
    new t.Type<A, unknown, unknown>(
      name,
      (_u): _u is A => false,
      (u, c) => {
        if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, '对象')
        const value = (u as Record<string, unknown>)[tag]
        const branch = typeof value === 'string' ? branches[value] : undefined
        if (!branch) {
          const ctx = [...c, { key: tag, type: t.string, actual: value }]
          return t.failure(value, ctx, `以下取值之一：${Object.keys(branches).join(' | ')}`)
        }
        return branch.validate(u, c) as t.Validation<A>
      },
      (a) => a
    ),
    Object.values(branches)
  )
