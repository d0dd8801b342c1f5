/**
 * @module The part of an append every backend shares: idempotency by event id, optimistic concurrency per
 * stream, and revision numbering. Backends run it inside their transaction against their own view.
 */
import { canonicalJson } from '@kaoping/core'
import * as E from 'fp-ts/Either'
import type { AppendError } from './errors'
import { type AppendRequest, type ExpectedRevision, type RecordedEvent, SCHEMA_VERSION } from './port'

export interface AppendView {
  /** The stored events among these ids (one lookup per batch, not per event). */
  readonly findByIds: (ids: ReadonlyArray<string>) => ReadonlyMap<string, RecordedEvent>
  /** The stream's last revision, or null when it does not exist. */
  readonly revisionOf: (stream: string) => bigint | null
}

export type NewRow = Omit<RecordedEvent, 'position'>

export type Plan =
  | { readonly duplicate: true; readonly events: ReadonlyArray<RecordedEvent> }
  | { readonly duplicate: false; readonly rows: ReadonlyArray<NewRow> }

const sameContent = (a: RecordedEvent, b: { stream: string; type: string; data: unknown }) =>
  a.stream === b.stream && a.type === b.type && canonicalJson(a.data) === canonicalJson(b.data)

const satisfies = (expected: ExpectedRevision, actual: bigint | null): boolean => {
  if (expected === 'any') return true
  if (expected === 'no_stream') return actual === null
  if (expected === 'stream_exists') return actual !== null
  return actual === expected
}

export const planAppend = (
  request: AppendRequest,
  view: AppendView,
  now: string
): E.Either<AppendError, Plan> => {
  // A repeat of an acknowledged batch (a client retry) is acknowledged again with the original events.
  const found = view.findByIds(request.events.map((e) => e.id))
  const existing = request.events.map((e) => found.get(e.id))
  if (existing.some((x) => x !== undefined)) {
    const conflict = request.events.find((e, i) => {
      const x = existing[i]
      return x === undefined || !sameContent(x, e)
    })
    if (conflict) return E.left({ _tag: 'IdConflict', id: conflict.id })
    // Every event is already stored with the same content.
    return E.right({ duplicate: true, events: existing as RecordedEvent[] })
  }
  const seen = new Set<string>()
  for (const e of request.events) {
    if (seen.has(e.id)) return E.left({ _tag: 'IdConflict', id: e.id })
    seen.add(e.id)
  }
  const next = new Map<string, bigint>()
  for (const e of request.events) {
    if (next.has(e.stream)) continue
    const actual = view.revisionOf(e.stream)
    const expected = request.expected?.get(e.stream) ?? 'any'
    if (!satisfies(expected, actual))
      return E.left({ _tag: 'WrongExpectedVersion', stream: e.stream, expected, actual })
    next.set(e.stream, actual === null ? 0n : actual + 1n)
  }
  for (const [stream, expected] of request.expected ?? []) {
    if (next.has(stream)) continue
    const actual = view.revisionOf(stream)
    if (!satisfies(expected, actual))
      return E.left({ _tag: 'WrongExpectedVersion', stream, expected, actual })
  }
  // Rules decided by day must still hold when the row is stamped (port.ts `recordBy`).
  if (
    request.recordBy !== undefined &&
    request.events.some((e) => e.recordedAt === undefined) &&
    Date.parse(now) > Date.parse(request.recordBy)
  )
    return E.left({ _tag: 'RecordByPassed', recordBy: request.recordBy, stamp: now })
  const rows = request.events.map((e): NewRow => {
    const revision = next.get(e.stream)!
    next.set(e.stream, revision + 1n)
    return {
      id: e.id,
      stream: e.stream,
      revision,
      type: e.type,
      data: e.data,
      recordedAt: e.recordedAt ?? now,
      actor: e.actor ?? request.actor,
      schemaVersion: SCHEMA_VERSION,
    }
  })
  return E.right({ duplicate: false, rows })
}
