/** @module A scoring query's failure (core ReplayError) as an API error. */
import { describeReplayError, type ReplayError } from '@kaoping/core'
import type { ApiError } from '../http/api-error'

export const fromReplayError = (e: ReplayError, asOfPath = 'query.asOf'): ApiError =>
  e._tag === 'InvalidAsOf'
    ? { _tag: 'InvalidRequest', issues: [{ path: asOfPath, message: e.message }] }
    : { _tag: 'NotFound', message: describeReplayError(e) }
