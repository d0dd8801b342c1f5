/**
 * @module Canonical JSON — defined once, here; used for "the same content" of a repeated event id and for the
 * SHA-256 of a published Result (SPEC §8, docs/assessment-cycle.md "Canonical JSON and the hash").
 *
 * The canonical form of a JSON value is the text `JSON.stringify` writes after every object's keys are sorted
 * by their UTF-16 code units (JavaScript's default string order), with no whitespace: strings with JSON's
 * minimal escapes (non-ASCII characters as themselves, lone surrogates as `\uXXXX`), numbers in ECMAScript's
 * shortest round-trip form, `undefined` members omitted, arrays in their own order. For the values hashed here
 * (strings, safe integers, booleans, null; points travel as decimal strings) this is exactly RFC 8785 (JCS).
 * Hashes are taken over its UTF-8 bytes.
 */
import { createHash } from 'node:crypto'

/**
 * Written out by hand rather than as `JSON.stringify` with a key-sorting replacer (which it equals, tested in
 * canonical-json.test.ts on every kind of value): a publication seals each event a figure names, a million at a
 * province's scale, and the replacer's copy of every object was most of that time. Strings, numbers and keys are
 * still written by `JSON.stringify` itself, so escapes and number forms are the engine's own.
 */
// Like JSON.stringify, undefined (not a string) for a value JSON cannot write, such as undefined itself.
export const canonicalJson = (value: unknown): string => canonical(value) as string

/** An array-index key ("0", "2", "10"): JavaScript objects list these first, in numeric order. */
const isIndex = (k: string) => {
  const c = k.charCodeAt(0)
  return c >= 48 && c <= 57 && /^(?:0|[1-9]\d{0,9})$/.test(k) && Number(k) < 4294967295
}

/**
 * The keys in the order the definition writes them: sorted by UTF-16 code units — except that an object made from
 * sorted entries lists array-index keys first, by number, as `Object.keys` already gives them. No field of a
 * Result or of an event's data is such a key; kept so the two never differ.
 */
const keysInOrder = (record: object): string[] => {
  const keys = Object.keys(record)
  let indexKeys = 0
  while (indexKeys < keys.length && isIndex(keys[indexKeys]!)) indexKeys++
  if (indexKeys === 0) return keys.sort()
  return [...keys.slice(0, indexKeys), ...keys.slice(indexKeys).sort()]
}

const canonical = (v: unknown): string | undefined => {
  if (v === null) return 'null'
  switch (typeof v) {
    case 'string':
    case 'number':
    case 'boolean':
      return JSON.stringify(v)
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined
    case 'bigint':
      return JSON.stringify(v) // throws, as JSON.stringify does
  }
  const o = v as { toJSON?: () => unknown }
  if (typeof o.toJSON === 'function') return canonical(o.toJSON())
  if (Array.isArray(v)) {
    let out = '['
    for (let i = 0; i < v.length; i++) out += `${i === 0 ? '' : ','}${canonical(v[i]) ?? 'null'}`
    return `${out}]`
  }
  const record = v as Record<string, unknown>
  let out = '{'
  let first = true
  for (const key of keysInOrder(record)) {
    const c = canonical(record[key])
    if (c === undefined) continue
    out += `${first ? '' : ','}${JSON.stringify(key)}:${c}`
    first = false
  }
  return `${out}}`
}

/** SHA-256 of a text's UTF-8 bytes, as 64 lowercase hex digits. */
export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')
