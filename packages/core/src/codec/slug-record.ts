/**
 * @module A record keyed by names a scheme defines (its named metrics, a `where`'s fields). Not `t.record`:
 * io-ts drops a key outside the record's domain without an error, and builds the decoded object by assignment,
 * so a `"__proto__"` key set the object's prototype — either way the scheme was stored with text its decoded
 * form silently ignored. Here every key must be a Slug (never `__proto__`), and a key that is not one is an issue
 * at its path.
 */
import * as t from 'io-ts'
import { SlugKey } from '../primitives/ids'

export const slugRecord = <C extends t.Mixed>(
  codomain: C,
  name: string
): t.Type<Record<string, t.TypeOf<C>>, Record<string, t.OutputOf<C>>, unknown> =>
  new t.Type<Record<string, t.TypeOf<C>>, Record<string, t.OutputOf<C>>, unknown>(
    name,
    (u): u is Record<string, t.TypeOf<C>> =>
      t.UnknownRecord.is(u) && Object.keys(u).every((k) => SlugKey.is(k) && codomain.is(u[k])),
    (u, c) => {
      if (!t.UnknownRecord.is(u)) return t.failure(u, c)
      const out: Record<string, t.TypeOf<C>> = {}
      const errors: t.Errors = []
      for (const k of Object.keys(u)) {
        const key = SlugKey.validate(k, t.appendContext(c, k, SlugKey, k))
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
