/**
 * @module Event ids derived from what a request means rather than drawn at random, so a retry of the same
 * request names the same event and is acknowledged again instead of recorded twice (idempotency keys, and
 * spreadsheet rows identified by unit, type and business id). A UUID (version 8, RFC 9562) made of SHA-256.
 */
import { createHash } from 'node:crypto'

export const derivedId = (namespace: string, ...parts: ReadonlyArray<string>): string => {
  const hex = createHash('sha256')
    .update([namespace, ...parts].join('\u0000'))
    .digest('hex')
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
