/**
 * @module A Result's JSON as UTF-8 bytes, made a unit at a time: the stored ranking's pieces and one answer alike,
 * `JSON.stringify(result)` byte for byte, without ever holding the whole text — a million events' full view is
 * ≈ 59 MB of UTF-8, and its Chinese explanations make it a two-byte string, twice that, in V8's heap.
 */
import type { Result } from '@kaoping/core'
import { resultHead } from './ranking-rows'

/** The Result's text up to its units, then each unit's entry, each as its bytes as soon as it is made. */
export const resultPieceBytes = (r: Result): Buffer[] => [
  Buffer.from(resultHead(r.schemeId, { version: r.version, as_of: r.asOf, basis: r.basis })),
  ...r.units.map((u) => Buffer.from(JSON.stringify(u))),
]

const COMMA = 0x2c
const END = Buffer.from(']}')

/**
 * The whole JSON in one array of its own — never a slice of Node's shared pool, so its buffer can be transferred
 * to another thread.
 */
export const resultBytes = (r: Result): Uint8Array<ArrayBuffer> => {
  const [head, ...entries] = resultPieceBytes(r)
  const length = entries.reduce(
    (n, e) => n + e.length,
    head!.length + Math.max(0, entries.length - 1) + END.length
  )
  const out = new Uint8Array(length)
  out.set(head!, 0)
  let at = head!.length
  entries.forEach((e, i) => {
    if (i > 0) out[at++] = COMMA
    out.set(e, at)
    at += e.length
  })
  out.set(END, at)
  return out
}
