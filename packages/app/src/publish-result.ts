/**
 * @module Publishing a scheme's result (SPEC §8 steps 4 and 6), shared by the API and the CLI: the full Result on
 * the recorded basis as of now, over the log up to the store head read just after "now" was taken, sealed (its
 * canonical JSON hashed, core `publication/seal.ts`) and recorded as `ResultPublished {asOf, position, sha256}`
 * through the one append path (authority, log rules, the cycle's rules).
 *
 * Retries: with an idempotency key the event id is derived from scheme and key, so the same key and body is
 * answered with the first publication (and nothing new), and the same key with another body is a conflict.
 * Publications of one scheme are serialized in this process; across processes the scheme stream's expected
 * revision lets one win, and the loser, finding the winner's event under its id, answers it.
 */

import {
  describeReplayError,
  type Issue,
  publicationData,
  publicationResult,
  type ReplayError,
  type ResultPublished,
  SEAL_FORM,
  schemeStream,
  sha256Hex,
} from '@kaoping/core'
import type { EventStore, RecordedEvent } from '@kaoping/store'
import * as E from 'fp-ts/Either'
import { type AppendContext, appendValidated, type CommandError } from './append-events'
import { withKeys } from './key-locks'
import { recordByOf } from './record-by'
import { readStored } from './stored-events'

export interface PublishRequest {
  readonly schemeId: string
  readonly stage: 'preliminary' | 'final'
  readonly appealUntil?: string
  readonly docNumber?: string
  /** The client's `Idempotency-Key`. */
  readonly idempotencyKey?: string
}

/** A publication as listed and answered: its number (from 1, in publication order), the event and its data. */
export interface Publication extends Omit<ResultPublished, 'digests'> {
  readonly n: number
  readonly eventId: string
  readonly recordedAt: string
  readonly actor: string
}

export type PublishError =
  | CommandError
  | { readonly _tag: 'SchemeNotFound'; readonly message: string }
  | { readonly _tag: 'IdempotencyConflict'; readonly message: string }

export interface Publishing {
  readonly publication: Publication
  /** True when this answers a retry: nothing new was recorded. */
  readonly duplicate: boolean
}

/** The event id a key stands for: a UUID-shaped SHA-256 of scheme and key (same key, same publication). */
export const publicationId = (schemeId: string, key: string): string => {
  const h = sha256Hex(`kaoping/publication/${schemeId}/${key}`)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/** The scheme stream's publications, numbered from 1. */
export const publicationsIn = (schemeEvents: ReadonlyArray<RecordedEvent>): Publication[] =>
  schemeEvents
    .filter((e) => e.type === 'ResultPublished')
    .map((e, i) => {
      const { digests: _digests, ...data } = e.data as ResultPublished
      return { n: i + 1, eventId: e.id, ...data, recordedAt: e.recordedAt, actor: e.actor }
    })

const sameRequest = (p: Publication, r: PublishRequest) =>
  p.stage === r.stage && p.appealUntil === r.appealUntil && p.docNumber === r.docNumber

const ATTEMPTS = 3

export const publishResult = (
  store: EventStore,
  request: PublishRequest,
  ctx: AppendContext
): Promise<E.Either<PublishError, Publishing>> =>
  withKeys(store, [`publish|${request.schemeId}`], async () => {
    const { schemeId, idempotencyKey } = request
    const id = idempotencyKey === undefined ? ctx.newId() : publicationId(schemeId, idempotencyKey)
    const earlier = async (): Promise<E.Either<PublishError, Publishing> | undefined> => {
      if (idempotencyKey === undefined) return undefined
      const found = publicationsIn(await store.readStream(schemeStream(schemeId))).find(
        (p) => p.eventId === id
      )
      if (!found) return undefined
      return sameRequest(found, request)
        ? E.right({ publication: found, duplicate: true })
        : E.left({
            _tag: 'IdempotencyConflict',
            message: `Idempotency-Key ${idempotencyKey} 已用于另一内容的发布（第 ${found.n} 次发布），请换一个键`,
          })
    }
    for (let attempt = 1; ; attempt++) {
      const repeat = await earlier()
      if (repeat) return repeat
      // "Now" is taken before the head is read, so every event recorded by then is at or before the head.
      const asOf = ctx.now?.() ?? new Date().toISOString()
      const head = await store.headPosition()
      const sealed = publicationResult(await readStored(store, head), { schemeId, asOf }, SEAL_FORM)
      if (E.isLeft(sealed)) return E.left(notScorable(sealed.left))
      const data = publicationData(sealed.right, {
        stage: request.stage,
        asOf,
        position: head.toString(),
        appealUntil: request.appealUntil,
        docNumber: request.docNumber,
      })
      const appended = await appendValidated(store, [{ id, type: 'ResultPublished', data }], {
        ...ctx,
        now: () => asOf,
        ...(ctx.now === undefined ? { recordBy: recordByOf(asOf) } : {}),
        sealed: true,
      })
      if (E.isRight(appended)) {
        const all = publicationsIn(await store.readStream(schemeStream(schemeId)))
        return E.right({
          publication: all.find((p) => p.eventId === id)!,
          duplicate: appended.right.duplicate,
        })
      }
      const error = appended.left
      // Another writer moved the log (or won with the same key) between our read and our append, or the day
      // ended before the write (the appeal window is decided by day): look again.
      if (
        (error._tag === 'WrongExpectedVersion' ||
          error._tag === 'IdConflict' ||
          error._tag === 'RecordByPassed') &&
        attempt < ATTEMPTS
      )
        continue
      if (error._tag === 'IdConflict') return (await earlier()) ?? E.left(error)
      return E.left(error)
    }
  })

const notScorable = (e: ReplayError): PublishError =>
  e._tag === 'SchemeNotFound' || e._tag === 'VersionNotFound'
    ? { _tag: 'SchemeNotFound', message: describeReplayError(e) }
    : { _tag: 'Rejected', issues: [{ path: 'asOf', message: describeReplayError(e) } satisfies Issue] }
