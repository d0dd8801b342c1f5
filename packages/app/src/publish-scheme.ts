/**
 * @module Publishing a scheme: the version number is the store's to give — the next one after the last
 * published — so an amendment is simply "publish again". Two publishers racing: one wins, the other gets a
 * concurrency conflict (the scheme stream's revision was read and is expected).
 */
import { parseScheme, schemeStream } from '@kaoping/core'
import type { AppendResult, EventStore } from '@kaoping/store'
import * as E from 'fp-ts/Either'
import { type AppendContext, appendValidated, type CommandError } from './append-events'

export interface Published {
  readonly schemeId: string
  readonly version: number
  /** The version number the file carried, when it was not the one given. */
  readonly renumberedFrom?: number
  readonly appended: AppendResult
}

export const publishScheme = async (
  store: EventStore,
  json: unknown,
  ctx: AppendContext
): Promise<E.Either<CommandError, Published>> => {
  // The version a file carries is replaced, so check the rest with a placeholder of the right type.
  const withVersion = (version: number) =>
    typeof json === 'object' && json !== null && !Array.isArray(json) ? { ...json, version } : json
  const parsed = parseScheme(withVersion(1))
  if (E.isLeft(parsed)) return E.left({ _tag: 'Rejected', issues: parsed.left })
  const { schemeId } = parsed.right
  const last = await store.readStream(schemeStream(schemeId), { direction: 'backwards', maxCount: 1 })
  const version = ((last[0]?.data as { version?: number } | undefined)?.version ?? 0) + 1
  const appended = await appendValidated(
    store,
    [{ type: 'SchemePublished', data: { schemeId, version, scheme: withVersion(version) } }],
    ctx
  )
  const given = (json as { version?: unknown }).version
  return E.map((a: AppendResult) => ({
    schemeId,
    version,
    ...(typeof given === 'number' && given !== version ? { renumberedFrom: given } : {}),
    appended: a,
  }))(appended)
}
