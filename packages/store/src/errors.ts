/** @module What an append can answer besides success: expected outcomes as tagged values, with Chinese messages. */
import { beijingTime, type Issue } from '@kaoping/core'
import type { ExpectedRevision } from './port'

export type AppendError =
  | {
      readonly _tag: 'WrongExpectedVersion'
      readonly stream: string
      readonly expected: ExpectedRevision
      readonly actual: bigint | null
    }
  | { readonly _tag: 'IdConflict'; readonly id: string }
  | { readonly _tag: 'StorageFull' }
  | { readonly _tag: 'StorageReadOnly' }
  | { readonly _tag: 'StorageBusy' }
  /** The store did not answer (a server backend unreachable, or its leader gone): nothing was acknowledged. */
  | { readonly _tag: 'StoreUnavailable'; readonly detail: string }
  /** The store's stamp fell after the request's `recordBy`: nothing written; decide again and retry. */
  | { readonly _tag: 'RecordByPassed'; readonly recordBy: string; readonly stamp: string }
  /** The batch breaks a rule of the log (bad field, unknown unit, case lifecycle…): each issue names its event. */
  | { readonly _tag: 'Rejected'; readonly issues: ReadonlyArray<Issue> }

const show = (r: ExpectedRevision | bigint | null) =>
  r === null
    ? '不存在'
    : typeof r === 'bigint'
      ? `第 ${r} 条`
      : { any: '任意', no_stream: '不存在', stream_exists: '已存在' }[r]

export const describeAppendError = (e: AppendError): string => {
  switch (e._tag) {
    case 'WrongExpectedVersion':
      return `并发冲突：流 ${e.stream} 预期版本为${show(e.expected)}，实际为${show(e.actual)}，请重新读取后重试`
    case 'IdConflict':
      return `事件 id ${e.id} 已存在且内容不同`
    case 'StorageFull':
      return '存储空间已满，本批事件未写入'
    case 'StorageReadOnly':
      return '数据库为只读，本批事件未写入'
    case 'StorageBusy':
      return '数据库忙（其他进程正在写入），本批事件未写入，请稍后重试'
    case 'StoreUnavailable':
      return `事件存储暂时不可用（${e.detail}），本批事件未确认写入；请用相同的事件 id 重试`
    case 'RecordByPassed':
      return `本批事件按北京时间 ${beijingTime(e.recordBy)} 前有效的规则审查，写入时已是 ${beijingTime(e.stamp)}，未写入；请重试（将按新的时间重新审查）`
    case 'Rejected':
      return e.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('\n')
  }
}

/** Opening a database that is not ours, is corrupt, or is newer than this program. */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError'
}

/** A read from a server backend that did not answer (thrown: reads have no error channel). Transient: retry. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError'
}
