/** @module What the HTTP thread asks the query thread, and its answers. Bodies travel as transferred bytes. */
import type { ReplayError } from '@kaoping/core'
import type { RankingQuery } from '@kaoping/projections'

/** A ranking that must be scored (another instant, basis or version), formatted as the client asked. */
export interface RankingJob {
  readonly kind: 'ranking'
  readonly query: RankingQuery
  readonly format: 'json' | 'csv' | 'xlsx'
  readonly view: 'full' | 'summary'
}

export type QueryJob = RankingJob

export type QueryAnswer =
  | { readonly ok: true; readonly contentType: string; readonly body: Uint8Array }
  | { readonly ok: false; readonly error: ReplayError }

export type ToQueryThread = { readonly id: number; readonly job: QueryJob }

export type FromQueryThread =
  | { readonly id: number; readonly answer: QueryAnswer }
  | { readonly id: number; readonly failed: string }
