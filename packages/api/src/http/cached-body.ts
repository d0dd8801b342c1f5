/**
 * @module A large response body that changes rarely (the current ranking: ~280 KB for the demo city, tens of
 * MB at province scale) is encoded once per change, not once per request: its UTF-8 bytes, a strong ETag
 * (so a poller gets 304) and, on first demand, its gzip form for clients that accept it.
 */
import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import type { Context } from 'hono'

interface Encoded {
  readonly text: string
  readonly bytes: Uint8Array<ArrayBuffer>
  readonly etag: string
  gzip?: Uint8Array<ArrayBuffer>
}

const acceptsGzip = (header: string | undefined) => header !== undefined && /\bgzip\b/i.test(header)

const matches = (ifNoneMatch: string | undefined, etag: string) =>
  ifNoneMatch?.split(',').some((t) => t.trim() === etag || t.trim() === '*') === true

/** One cache per resource key (scheme): only the latest text of each is kept. */
export const cachedBodies = () => {
  const latest = new Map<string, Encoded>()
  const encode = (key: string, text: string): Encoded => {
    const hit = latest.get(key)
    // Same text (the read model hands back the same string while nothing changed): reuse its bytes.
    if (hit && hit.text === text) return hit
    const bytes = new TextEncoder().encode(text)
    const encoded: Encoded = {
      text,
      bytes,
      etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`,
    }
    latest.set(key, encoded)
    return encoded
  }
  return {
    /** Answers `text` as `contentType`, from the cache: 304 when the client has it, gzip when it accepts it. */
    send: (c: Context, key: string, text: string, contentType: string): Response => {
      const e = encode(key, text)
      const headers: Record<string, string> = {
        'Content-Type': contentType,
        ETag: e.etag,
        Vary: 'Accept-Encoding',
      }
      if (matches(c.req.header('If-None-Match'), e.etag)) return c.body(null, 304, headers)
      if (acceptsGzip(c.req.header('Accept-Encoding'))) {
        e.gzip ??= new Uint8Array(gzipSync(e.bytes, { level: 6 }))
        return c.body(e.gzip, 200, {
          ...headers,
          'Content-Encoding': 'gzip',
        })
      }
      return c.body(e.bytes, 200, headers)
    },
  }
}
