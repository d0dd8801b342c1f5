/**
 * @module Canonical JSON — defined once, here; used for "the same content" of a repeated event id and for the
 * SHA-256 of a published Result (SPEC §8, docs/canonical-json.md).
 *
 * The canonical form of a JSON value is the text `JSON.stringify` writes after every object's keys are sorted
 * by their UTF-16 code units (JavaScript's default string order), with no whitespace: strings with JSON's
 * minimal escapes (non-ASCII characters as themselves, lone surrogates as `\uXXXX`), numbers in ECMAScript's
 * shortest round-trip form, `undefined` members omitted, arrays in their own order. For the values hashed here
 * (strings, safe integers, booleans, null; points travel as decimal strings) this is exactly RFC 8785 (JCS).
 * Hashes are taken over its UTF-8 bytes.
 */
import { createHash } from 'node:crypto'

export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        )
      : v
  )

/** SHA-256 of a text's UTF-8 bytes, as 64 lowercase hex digits. */
export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')
