/**
 * @module Publishing a scheme: the version number is the store's to give — the next one after the last
 * published — so an amendment is simply "publish again". Two publishers racing: one wins, the other gets a
 * concurrency conflict (the scheme stream's revision was read and is expected). With an idempotency key, a
 * retry of the same request (however many, however concurrent) publishes once and is answered like the first.
 */
import { canonicalJson, parseScheme, schemeStream } from '@kaoping/core'
import type { AppendResult, EventStore } from '@kaoping/store'
import * as E from 'fp-ts/Either'
import { type AppendContext, appendValidated, type CommandError } from './append-events'
import { derivedId } from './derived-id'

export interface Published {
  readonly schemeId: string
  readonly version: number
  /** The version number the file carried, when it was not the one given. */
  readonly renumberedFrom?: number
  readonly appended: AppendResult
}

export interface PublishOptions {
  /** The client's `Idempotency-Key`: the same key and body publish once; the same key with another body is a conflict. */
  readonly idempotencyKey?: string
}

/** What was published under this key before, if anything (the scheme without its version, which the store gave). */
const earlier = async (store: EventStore, id: string, json: unknown) => {
  const found = (await store.findEvents([id])).get(id)
  if (!found) return undefined
  const data = found.data as { schemeId: string; version: number; scheme: Record<string, unknown> }
  const { version: _given, ...asked } = json as Record<string, unknown>
  const { version: _stored, ...stored } = data.scheme
  if (canonicalJson(asked) !== canonicalJson(stored)) return E.left<CommandError>({ _tag: 'IdConflict', id })
  return E.right<CommandError, Published>({
    schemeId: data.schemeId,
    version: data.version,
    appended: { duplicate: true, events: [found] },
  })
}

export const publishScheme = async (
  store: EventStore,
  json: unknown,
  ctx: AppendContext,
  options: PublishOptions = {}
): Promise<E.Either<CommandError, Published>> => {
  // The version a file carries is replaced, so check the rest with a placeholder of the right type.
  const withVersion = (version: number) =>
    typeof json === 'object' && json !== null && !Array.isArray(json) ? { ...json, version } : json
  const parsed = parseScheme(withVersion(1))
  if (E.isLeft(parsed)) return E.left({ _tag: 'Rejected', issues: parsed.left })
  const { schemeId } = parsed.right
  const id =
    options.idempotencyKey === undefined ? undefined : derivedId('publish-scheme', options.idempotencyKey)
  if (id !== undefined) {
    const before = await earlier(store, id, json)
    if (before) return before
  }
  // The scheme stream also holds published results: the version is the last SchemePublished's.
  const latest = [...(await store.readStream(schemeStream(schemeId)))]
    .reverse()
    .find((e) => e.type === 'SchemePublished')
  const version = ((latest?.data as { version?: number } | undefined)?.version ?? 0) + 1
  const appended = await appendValidated(
    store,
    [
      {
        ...(id === undefined ? {} : { id }),
        type: 'SchemePublished',
        data: { schemeId, version, scheme: withVersion(version) },
      },
    ],
    ctx
  )
  // A concurrent retry won the race with another version number: answer what it published.
  if (
    id !== undefined &&
    E.isLeft(appended) &&
    ['IdConflict', 'WrongExpectedVersion', 'Rejected'].includes(appended.left._tag)
  ) {
    const before = await earlier(store, id, json)
    if (before) return before
  }
  const given = (json as { version?: unknown }).version
  return E.map((a: AppendResult) => ({
    schemeId,
    version,
    ...(typeof given === 'number' && given !== version ? { renumberedFrom: given } : {}),
    appended: a,
  }))(appended)
}
