/**
 * @module Reading publications back (SPEC §8): the list, and one publication's frozen Result — recomputed from the
 * events at positions ≤ its `position`, under the scheme version in force at its `asOf`, and served only when what
 * its seal covers (core publication/substance.ts) hashes to the recorded `sha256`. Anything else is an integrity
 * error, never a different result.
 */
import {
  beijingTime,
  checkPublication,
  describeDifference,
  describeReplayError,
  type Result,
  type Scheme,
  schemeStream,
  strippedAfter,
} from '@kaoping/core'
import type { EventStore } from '@kaoping/store'
import * as E from 'fp-ts/Either'
import { type Publication, publicationsIn } from './publish-result'
import { readStored } from './stored-events'

export type ReadPublicationError =
  | { readonly _tag: 'NotFound'; readonly message: string }
  | { readonly _tag: 'IntegrityError'; readonly message: string }

export interface Frozen {
  readonly publication: Publication
  /** The canonical JSON of the whole Result, explanations worded by this release. */
  readonly json: string
  /** The canonical JSON of what the seal covers: its SHA-256 is `publication.sha256`. */
  readonly sealedJson: string
  readonly result: Result
  /** The scheme version it was scored under. */
  readonly scheme: Scheme
}

/** Every publication of a scheme, numbered from 1; NotFound when the scheme was never published. */
export const listPublications = async (
  store: EventStore,
  schemeId: string
): Promise<E.Either<ReadPublicationError, Publication[]>> => {
  const events = await store.readStream(schemeStream(schemeId))
  if (!events.some((e) => e.type === 'SchemePublished'))
    return E.left({ _tag: 'NotFound', message: `未找到考核办法 ${schemeId}` })
  return E.right(publicationsIn(events))
}

export const frozenPublication = async (
  store: EventStore,
  schemeId: string,
  n: number
): Promise<E.Either<ReadPublicationError, Frozen>> => {
  const listed = await listPublications(store, schemeId)
  if (E.isLeft(listed)) return listed
  const raw = (await store.readStream(schemeStream(schemeId))).filter((e) => e.type === 'ResultPublished')[
    n - 1
  ]
  const publication = listed.right[n - 1]
  if (!publication || !raw)
    return E.left({
      _tag: 'NotFound',
      message: `考核办法 ${schemeId} 没有第 ${n} 次发布的结果（共 ${listed.right.length} 次）`,
    })
  const sealedBefore = strippedAfter(listed.right.slice(0, n - 1), publication)
  if (sealedBefore !== undefined)
    return E.left({
      _tag: 'IntegrityError',
      message: `数据完整性错误：考核办法 ${schemeId} 第 ${n} 次发布未记录哈希范围（早期发布方式），却在第 ${sealedBefore.n} 次发布已按新方式封存之后；发布命令不会这样记录，事件日志可能被改动，不予提供`,
    })
  const preceding = await readStored(store, raw.position - 1n)
  const cut = BigInt(publication.position)
  const check = checkPublication(
    preceding.filter((e) => BigInt(e.seq) <= cut),
    raw.data as never,
    preceding
  )
  const what = `考核办法 ${schemeId} 第 ${n} 次发布的结果（截至北京时间 ${beijingTime(publication.asOf)}，位置 ${publication.position}）`
  switch (check._tag) {
    case 'Match':
      return E.right({
        publication,
        json: check.sealed.json,
        sealedJson: check.sealed.sealedJson,
        result: check.sealed.result,
        scheme: check.sealed.scheme,
      })
    case 'Unscorable':
      return E.left({
        _tag: 'IntegrityError',
        message: `${what}无法按发布时的事件重新计算（${describeReplayError(check.error)}），不予提供`,
      })
    case 'Mismatch':
      return E.left({
        _tag: 'IntegrityError',
        message: `数据完整性错误：${what}按发布时的事件重新计算后，哈希 ${check.sealed.sha256} 与发布时记录的 ${publication.sha256} 不一致${
          check.difference ? `，首个不同之处：${describeDifference(check.difference)}` : ''
        }。事件日志可能被改动，或计分程序已变更；为免提供与发布不同的结果，不予提供`,
      })
  }
}
