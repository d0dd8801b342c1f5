/** @module Object codecs that reject unknown keys, so a typo like `atendees` is an error, not silently ignored. */
import * as E from 'fp-ts/Either'
import * as t from 'io-ts'

/** The shape a strict codec keeps visible, so scheme validation can ask which fields an event has. */
export interface StrictShape {
  readonly required: t.Props
  readonly optional: t.Props
}

export interface StrictType<R extends t.Props, O extends t.Props>
  extends t.Type<
    t.TypeOf<t.TypeC<R>> & Partial<t.TypeOf<t.TypeC<O>>>,
    t.OutputOf<t.TypeC<R>> & Partial<t.OutputOf<t.TypeC<O>>>,
    unknown
  > {
  readonly shape: StrictShape
}

/**
 * `strict({ a: t.string }, { b: t.number }, 'X')` decodes `{ a, b? }` and fails on any other key.
 * Optional keys may be absent but not `null` (an explicit null is almost always a client bug).
 */
export const strict = <R extends t.Props, O extends t.Props = Record<never, never>>(
  required: R,
  optional: O = {} as O,
  name = 'object'
): StrictType<R, O> => {
  const requiredCodec = t.type(required)
  const optionalCodec = t.partial(optional)
  const inner = t.intersection([requiredCodec, optionalCodec])
  const known = new Set([...Object.keys(required), ...Object.keys(optional)])
  const codec = new t.Type<
    t.TypeOf<t.TypeC<R>> & Partial<t.TypeOf<t.TypeC<O>>>,
    t.OutputOf<t.TypeC<R>> & Partial<t.OutputOf<t.TypeC<O>>>,
    unknown
  >(
    name,
    (u): u is t.TypeOf<t.TypeC<R>> & Partial<t.TypeOf<t.TypeC<O>>> => inner.is(u),
    (u, c) => {
      if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, '对象')
      const extra: t.ValidationError[] = Object.keys(u)
        .filter((k) => !known.has(k))
        .map((k) => ({
          value: (u as Record<string, unknown>)[k],
          context: [...c, { key: k, type: t.never, actual: (u as Record<string, unknown>)[k] }],
          message: '未知字段',
        }))
      // Required and optional parts are validated side by side (not as an io-ts intersection)
      // so error paths carry no branch indices.
      const req = requiredCodec.validate(u, c)
      const opt = optionalCodec.validate(u, c)
      const errors = [...(E.isLeft(req) ? req.left : []), ...(E.isLeft(opt) ? opt.left : []), ...extra]
      if (errors.length > 0 || E.isLeft(req) || E.isLeft(opt)) return t.failures(errors)
      // Take each key from the codec that owns it: t.type returns its input unchanged (optional keys
      // included, undecoded), so spreading it whole would overwrite decoded optional values.
      const out: Record<string, unknown> = {}
      for (const k of Object.keys(required)) out[k] = (req.right as Record<string, unknown>)[k]
      for (const k of Object.keys(optional)) {
        const v = (opt.right as Record<string, unknown>)[k]
        if (v !== undefined) out[k] = v
      }
      return t.success(out as t.TypeOf<t.TypeC<R>> & Partial<t.TypeOf<t.TypeC<O>>>)
    },
    (a) => inner.encode(a) as t.OutputOf<t.TypeC<R>> & Partial<t.OutputOf<t.TypeC<O>>>
  )
  return Object.assign(codec, { shape: { required, optional } })
}
