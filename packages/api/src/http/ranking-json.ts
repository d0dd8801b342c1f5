/**
 * @module A scored ranking's JSON answer as bytes, in the view asked for — the summary, or the full Result made a
 * unit at a time (projections result-bytes.ts: never one string of it) — for the route and the query thread alike.
 */
import { type Result, summarize } from '@kaoping/core'
import { resultBytes } from '@kaoping/projections'

const encoder = new TextEncoder()

export const rankingJson = (result: Result, view: 'summary' | 'full'): Uint8Array<ArrayBuffer> =>
  view === 'summary' ? encoder.encode(JSON.stringify(summarize(result))) : resultBytes(result)
