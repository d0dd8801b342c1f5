/**
 * @module A record keyed by names a scheme defines (its named metrics, a `where`'s fields), holding every key it
 * is given as its own. Not `t.record`: io-ts builds the decoded object by assignment, so a `"__proto__"` key set
 * the object's prototype instead — the entry silently gone from the decoded scheme while its text was stored.
 * Here it is defined as an own key like any other name (a stored scheme must decode as it was written; lookups
 * are by own keys, `namedMetric`, and a `where` field must be one of the event's, which `__proto__` is not).
 */
import * as t from 'io-ts'

/** `out[k] = v` — also for `__proto__`, which assignment would take as the prototype. */
const setOwn = <V>(out: Record<string, V>, k: string, v: V) =>
  Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true })

export const plainRecord = <C extends t.Mixed>(
  codomain: C,
  name: string
): t.Type<Record<string, t.TypeOf<C>>, Record<string, t.OutputOf<C>>, unknown> =>
  new t.Type<Record<string, t.TypeOf<C>>, Record<string, t.OutputOf<C>>, unknown>(
    name,
    (u): u is Record<string, t.TypeOf<C>> =>
      t.UnknownRecord.is(u) && Object.keys(u).every((k) => codomain.is(u[k])),
    (u, c) => {
      if (!t.UnknownRecord.is(u)) return t.failure(u, c)
      const out: Record<string, t.TypeOf<C>> = {}
      const errors: t.Errors = []
      for (const k of Object.keys(u)) {
        const value = codomain.validate(u[k], t.appendContext(c, k, codomain, u[k]))
        if (value._tag === 'Left') errors.push(...value.left)
        else setOwn(out, k, value.right)
      }
      return errors.length > 0 ? t.failures(errors) : t.success(out)
    },
    (a) => {
      const out: Record<string, t.OutputOf<C>> = {}
      for (const k of Object.keys(a)) setOwn(out, k, codomain.encode(a[k]))
      return out
    }
  )
