import { describe, expect, it } from 'vitest'
import { canonicalJson } from './canonical-json'

/** The definition (docs/assessment-cycle.md "Canonical JSON and the hash"): JSON.stringify with every object's keys sorted by UTF-16 code units. */
const byDefinition = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        )
      : v
  )

/** A small deterministic generator (no dependency): every kind of JSON value, nested, with awkward strings. */
const valuesFrom = (seed: number) => {
  let x = seed
  const rnd = () => {
    x = (x * 1103515245 + 12345) % 2147483648
    return x / 2147483648
  }
  const STRINGS = [
    '',
    'a',
    'B',
    '利州区',
    'é',
    '\u0000\u001f"\\',
    '\ud800',
    '\udfff\ud800',
    '😀',
    'Z',
    '_',
    '10',
    '2',
  ]
  const NUMBERS = [0, -0, 1, -1.5, 1e21, 1e-7, 0.1 + 0.2, Number.MAX_SAFE_INTEGER, Number.NaN, Infinity]
  const pick = <T>(xs: ReadonlyArray<T>) => xs[Math.floor(rnd() * xs.length)]!
  const value = (depth: number): unknown => {
    const r = rnd()
    if (depth > 3 || r < 0.35) return pick<unknown>([...STRINGS, ...NUMBERS, true, false, null, undefined])
    if (r < 0.6) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1))
    return Object.fromEntries(
      Array.from({ length: Math.floor(rnd() * 5) }, () => [pick(STRINGS), value(depth + 1)])
    )
  }
  return Array.from({ length: 500 }, () => value(0))
}

describe('canonical JSON', () => {
  it('writes what the definition writes, for 500 random values of every kind', () => {
    for (const v of valuesFrom(20261201)) expect(canonicalJson(v)).toBe(byDefinition(v))
  })
  it('sorts keys by UTF-16 code units, not by code points: "Z" < "_" < "a" < "é" < "利" (U+5229) < "😀" (D83D …)', () => {
    expect(canonicalJson({ '😀': 2, 利: 1, é: 3, a: 4, _: 5, Z: 6 })).toBe(
      '{"Z":6,"_":5,"a":4,"é":3,"利":1,"😀":2}'
    )
  })
  it('lists array-index keys first, by number, as an object built from sorted entries does', () => {
    expect(canonicalJson({ b: 1, 10: 2, 2: 3, '02': 4 })).toBe('{"2":3,"10":2,"02":4,"b":1}')
  })
  it('leaves out undefined members, writes undefined array items as null, and calls toJSON', () => {
    expect(canonicalJson({ b: undefined, a: [undefined, new Date(0)] })).toBe(
      '{"a":[null,"1970-01-01T00:00:00.000Z"]}'
    )
  })
})
