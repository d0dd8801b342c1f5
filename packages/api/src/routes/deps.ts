/** @module What every router is given. */
import type { EventStore, EvidenceStore } from '@kaoping/store'
import type { Context } from 'hono'
import { ApiFailure } from '../http/api-error'
import type { Metrics } from '../observability/metrics'
import type { ReadModels } from '../read-models'

export interface RouteDeps {
  readonly store: EventStore
  /** Evidence files (SPEC §9), passed to every append. */
  readonly evidence: EvidenceStore
  readonly readModels: ReadModels
  readonly metrics: Metrics
  readonly newId: () => string
  /** How long a read waits for the read models to include the latest appends (read-your-writes). */
  readonly readTimeoutMs: number
  /** Spreadsheet uploads read at once (`POST /v1/imports`); one more is answered 503 with Retry-After. */
  readonly importsAtOnce: number
}

/** Read-your-writes: answer only once the read models include what was stored when the request came. */
export const settled = async (deps: RouteDeps, _c: Context): Promise<void> => {
  if (!(await deps.readModels.settle(deps.readTimeoutMs)))
    throw new ApiFailure({
      _tag: 'ProjectionLagging',
      message: `统计结果尚未更新到最新写入（等待超过 ${deps.readTimeoutMs} 毫秒），请稍后重试`,
    })
}
