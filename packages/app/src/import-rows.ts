/**
 * @module Spreadsheet and CSV rows as events (SPEC §3 "Business ids"): a row without an id gets one derived from
 * its unit, type and business id (or, for a type without one — a hearing, a closing — from its content), so
 * importing the same file again, or a file that grew, stores only the rows that are new and says how many were
 * skipped. A row whose business id names a stored fact with other content is a conflict (a correction is a
 * retraction plus a new fact).
 */
import {
  authorize,
  canonicalJson,
  decodeEvent,
  entryOf,
  type Issue,
  isEventType,
  targetOf,
  undoKey,
} from '@kaoping/core'
import type { AppendResult, EventStore, RecordedEvent } from '@kaoping/store'
import * as E from 'fp-ts/Either'
import { type AppendContext, appendValidated, type CommandError } from './append-events'
import { derivedId } from './derived-id'

export interface RowEnvelope {
  readonly id?: string
  readonly type: string
  readonly data: Record<string, unknown>
}

export interface RowsImported {
  /** The append's acknowledgement, or null when every row was already stored. */
  readonly appended: AppendResult | null
  readonly imported: number
  readonly skipped: number
}

/** The id a row stands for: its own, else derived from what it records. */
export const rowId = (row: RowEnvelope): string | undefined => {
  if (row.id !== undefined) return row.id
  if (!isEventType(row.type)) return undefined
  const unitId = typeof row.data.unitId === 'string' ? row.data.unitId : ''
  const field = entryOf(row.type).businessId
  const business = field === undefined ? undefined : row.data[field]
  return typeof business === 'string'
    ? derivedId('row', row.type, unitId, business)
    : derivedId('row-content', row.type, canonicalJson(row.data))
}

const authorityIssues = async (
  store: EventStore,
  rows: ReadonlyArray<RowEnvelope>,
  ctx: AppendContext
): Promise<Issue[]> => {
  const decoded = rows.map((r) => decodeEvent(r.type, r.data))
  const targetIds = decoded.flatMap((d) => (E.isRight(d) ? (targetOf(d.right) ?? []) : []))
  const targets = await store.findEvents(targetIds)
  return decoded.flatMap((d, i) => {
    // A row that does not decode is the append's to report, with every problem in it.
    if (E.isLeft(d)) return []
    const target = targets.get(targetOf(d.right) ?? '')
    const unitId = (target?.data as { unitId?: unknown } | undefined)?.unitId
    const problem = authorize(
      ctx.principal,
      d.right,
      target && isEventType(target.type)
        ? { type: target.type, actor: target.actor, ...(typeof unitId === 'string' ? { unitId } : {}) }
        : undefined
    )
    return problem ? [{ path: `events.${i}.${problem.path}`, message: problem.message }] : []
  })
}

/** Same type and data: the row is the stored fact. */
const sameFact = (found: RecordedEvent, row: RowEnvelope) =>
  found.type === row.type && canonicalJson(found.data) === canonicalJson(row.data)

/**
 * A row's derived id may name a fact since retracted or returned: the corrected row is another fact and gets the
 * id derived from the one it replaces (so the corrected file imported again is still skipped). A row the file
 * gives an id keeps it. Answers the ids and the stored events they name.
 */
const pastUndone = async (
  store: EventStore,
  rows: ReadonlyArray<RowEnvelope>,
  derived: ReadonlyArray<boolean>
) => {
  const ids = rows.map((r) => r.id)
  for (;;) {
    const stored = await store.findEvents(ids.flatMap((id) => (id === undefined ? [] : [id])))
    const changed = rows.flatMap((r, i) => {
      const found = ids[i] === undefined ? undefined : stored.get(ids[i]!)
      return derived[i] && found && !sameFact(found, r) ? [i] : []
    })
    const undone =
      changed.length === 0 ? new Map() : await store.findByKeys(changed.map((i) => undoKey(ids[i]!)))
    const moved = changed.filter((i) => (undone.get(undoKey(ids[i]!))?.length ?? 0) > 0)
    if (moved.length === 0) return { ids, stored }
    for (const i of moved) ids[i] = derivedId('row-after', ids[i]!)
  }
}

export const importRows = async (
  store: EventStore,
  rows: ReadonlyArray<RowEnvelope>,
  ctx: AppendContext
): Promise<E.Either<CommandError, RowsImported>> => {
  const withIds = rows.map((r) => {
    const id = rowId(r)
    return id === undefined ? r : { ...r, id }
  })
  // Authority before anything else: a row the principal may not record is refused, never "already stored" —
  // otherwise a reporter could probe another unit's facts by uploading them.
  const refused = await authorityIssues(store, withIds, ctx)
  if (refused.length > 0) return E.left({ _tag: 'NotAllowed', issues: refused })
  const { ids, stored } = await pastUndone(
    store,
    withIds,
    rows.map((r) => r.id === undefined)
  )
  const placed = withIds.map((r, i) => (ids[i] === undefined ? r : { ...r, id: ids[i] }))
  // A row already stored with the same content is skipped; with other content it stays, and the append refuses it.
  const kept = placed.flatMap((r, i) => {
    const found = r.id === undefined ? undefined : stored.get(r.id)
    return found && sameFact(found, r) ? [] : [i]
  })
  const skipped = placed.length - kept.length
  if (kept.length === 0) return E.right({ appended: null, imported: 0, skipped })
  const appended = await appendValidated(
    store,
    kept.map((i) => placed[i]!),
    ctx
  )
  if (E.isLeft(appended)) {
    const e = appended.left
    if (e._tag !== 'Rejected' && e._tag !== 'NotAllowed') return appended
    // Issues name the appended batch's positions: give them back their rows' places in the file.
    const issues = e.issues.map((issue) => ({
      ...issue,
      path: issue.path.replace(/^events\.(\d+)/, (_m, n: string) => `events.${kept[Number(n)]}`),
    }))
    return E.left({ ...e, issues })
  }
  const a = appended.right
  return E.right({ appended: a, imported: a.duplicate ? 0 : a.events.length, skipped })
}
