/**
 * @module A record keyed by names a scheme defines (its named metrics, a `where`'s fields), holding every key it
 * is given as its own. Not `t.record`: io-ts builds the decoded object by assignment, so a `"__proto__"` key set
 * the object's prototype instead — the entry silently gone from the decoded scheme while its text was stored.
 * `__proto__` is refused at its path; any other name is kept as before (schemes already stored must decode).
 */
import * as t from 'io-ts'

const OwnKey = t.refinement(t.string, (k): boolean => k !== '__proto__', 'OwnKey')

export const plainRecord = <C extends t.Mixed>(
  codomain: C,
  name: string
): t.Type<Record<string, t.TypeOf<C>>, Record<string, t.OutputOf<C>>, unknown> =>
  new t.Type<Record<string, t.TypeOf<C>>, Record<string, t.OutputOf<C>>, unknown>(
    name,
    (u): u is Record<string, t.TypeOf<C>> =>
      t.UnknownRecord.is(u) && Object.keys(u).every((k) => OwnKey.is(k) && codomain.is(u[k])),
    (u, c) => {
      if (!t.UnknownRecord.is(u)) return t.failure(u, c)
      const out: Record<string, t.TypeOf<C>> = {}
      const errors: t.Errors = []
      for (const k of Object.keys(u)) {
        const key = OwnKey.validate(k, t.appendContext(c, k, OwnKey, k))
        if (key._tag === 'Left') {
          errors.push(...key.left)
          continue
        }
        const value = codomain.validate(u[k], t.appendContext(c, k, codomain, u[k]))
        if (value._tag === 'Left') errors.push(...value.left)
        else out[k] = value.right
      }
      return errors.length > 0 ? t.failures(errors) : t.success(out)
    },
    (a) => {
      const out: Record<string, t.OutputOf<C>> = {}
      for (const k of Object.keys(a)) out[k] = codomain.encode(a[k])
      return out
    }
  )
