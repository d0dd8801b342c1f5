/**
 * @module Every way a request can fail, as tagged values, and the one table that maps each tag to its HTTP
 * status and stable code. Messages are Chinese (people read them); codes are for programs.
 */
import type { Issue } from '@kaoping/core'
import { type AppendError, describeAppendError } from '@kaoping/store'

export type ApiError =
  | { readonly _tag: 'InvalidJson'; readonly message: string }
  | { readonly _tag: 'InvalidRequest'; readonly issues: ReadonlyArray<Issue> }
  | { readonly _tag: 'Unauthorized'; readonly message: string }
  | { readonly _tag: 'Forbidden'; readonly message: string }
  | { readonly _tag: 'NotFound'; readonly message: string }
  | { readonly _tag: 'PreconditionFailed'; readonly message: string }
  | { readonly _tag: 'PayloadTooLarge'; readonly limitBytes: number }
  | {
      readonly _tag: 'UnsupportedMediaType'
      readonly contentType: string | undefined
      /** What the route takes, in words (default: application/json). */
      readonly expected?: string
      /** The whole message instead, when the content itself is refused (an evidence file of the wrong kind). */
      readonly detail?: string
    }
  | { readonly _tag: 'ProjectionLagging'; readonly message: string }
  | { readonly _tag: 'ShuttingDown' }
  | { readonly _tag: 'Internal'; readonly requestId: string | undefined }
  /** A published result no longer recomputes to its hash (SPEC §8): never served silently different. */
  | { readonly _tag: 'IntegrityError'; readonly message: string }
  /** An `Idempotency-Key` reused with another body. */
  | { readonly _tag: 'IdempotencyConflict'; readonly message: string }
  | AppendError
  /** The principal may not record these events (SPEC §3 "Authority"): each issue names the event. */
  | { readonly _tag: 'NotAllowed'; readonly issues: ReadonlyArray<Issue> }

interface Entry {
  readonly status: 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 500 | 503 | 507
  readonly code: string
}

/** The one place a failure becomes a status: 4xx is the client's to fix, 5xx is ours (or the disk's). */
export const STATUS: { readonly [K in ApiError['_tag']]: Entry } = {
  InvalidJson: { status: 400, code: 'invalid_json' },
  InvalidRequest: { status: 400, code: 'invalid_request' },
  Unauthorized: { status: 401, code: 'unauthorized' },
  Forbidden: { status: 403, code: 'forbidden' },
  NotAllowed: { status: 403, code: 'forbidden' },
  NotFound: { status: 404, code: 'not_found' },
  WrongExpectedVersion: { status: 409, code: 'wrong_expected_version' },
  IdConflict: { status: 409, code: 'id_conflict' },
  IdempotencyConflict: { status: 409, code: 'idempotency_conflict' },
  PreconditionFailed: { status: 412, code: 'precondition_failed' },
  PayloadTooLarge: { status: 413, code: 'payload_too_large' },
  UnsupportedMediaType: { status: 415, code: 'unsupported_media_type' },
  Rejected: { status: 422, code: 'rejected' },
  Internal: { status: 500, code: 'internal' },
  IntegrityError: { status: 500, code: 'integrity_error' },
  StorageBusy: { status: 503, code: 'storage_busy' },
  StorageReadOnly: { status: 503, code: 'storage_read_only' },
  StoreUnavailable: { status: 503, code: 'store_unavailable' },
  RecordByPassed: { status: 503, code: 'record_by_passed' },
  ProjectionLagging: { status: 503, code: 'projection_lagging' },
  ShuttingDown: { status: 503, code: 'shutting_down' },
  StorageFull: { status: 507, code: 'storage_full' },
}

export const describeApiError = (e: ApiError): string => {
  switch (e._tag) {
    case 'InvalidJson':
      return `请求体不是有效的 JSON：${e.message}`
    case 'InvalidRequest':
      return `请求有 ${e.issues.length} 处问题`
    case 'Unauthorized':
    case 'Forbidden':
    case 'NotFound':
    case 'PreconditionFailed':
    case 'ProjectionLagging':
    case 'IntegrityError':
    case 'IdempotencyConflict':
      return e.message
    case 'PayloadTooLarge':
      return `请求体超过 ${e.limitBytes} 字节的上限`
    case 'UnsupportedMediaType':
      return (
        e.detail ?? `请求体应为 ${e.expected ?? 'application/json'}，实际为 ${e.contentType ?? '（未声明）'}`
      )
    case 'ShuttingDown':
      return '服务正在停止，请稍后重试'
    case 'Internal':
      return `服务器内部错误${e.requestId ? `（请求编号 ${e.requestId}）` : ''}`
    case 'Rejected':
      return `本批事件有 ${e.issues.length} 处问题，均未写入`
    case 'NotAllowed':
      return `无权记录本批中的 ${e.issues.length} 个事件，均未写入`
    default:
      return describeAppendError(e)
  }
}

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly issues: ReadonlyArray<Issue> }
}

export const errorBody = (e: ApiError): ErrorBody => ({
  error: {
    code: STATUS[e._tag].code,
    message: describeApiError(e),
    issues: e._tag === 'InvalidRequest' || e._tag === 'Rejected' || e._tag === 'NotAllowed' ? e.issues : [],
  },
})

/** Thrown by middleware (which cannot return a value to the handler) and turned into a response by the app. */
export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(describeApiError(error))
  }
}
