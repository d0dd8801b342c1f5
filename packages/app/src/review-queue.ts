/**
 * @module The 考核组's queue (SPEC §3 "Verification", §8 step 3): every unit-authority fact (catalog
 * `isUnitFactType`) still counting — not retracted — with its review state: pending (neither verified nor
 * returned), verified, or returned with the reason the unit sees. The latest review act decides the state.
 */
import { CATALOG, isEventType, isUnitFactType } from '@kaoping/core'
import type { EventStore } from '@kaoping/store'
import { readRecorded } from './stored-events'

export type ReviewStatus = 'pending' | 'verified' | 'returned'

export interface ReviewItem {
  readonly status: ReviewStatus
  readonly event: {
    readonly id: string
    readonly type: string
    readonly label: string
    readonly unitId: string
    readonly occurredOn: string
    readonly data: unknown
    readonly stream: string
    readonly position: string
    readonly recordedAt: string
    readonly actor: string
  }
  /** The latest FactVerified / FactReturned about it: its id, when, by whom, and the note or the reason. */
  readonly review: {
    readonly event: string
    readonly recordedAt: string
    readonly actor: string
    readonly note?: string
    readonly reason?: string
  } | null
}

export interface ReviewQuery {
  readonly status?: ReviewStatus
  readonly unitId?: string
  readonly page: number
  readonly pageSize: number
  /** `desc`: newest first (what a person scrolls), so page 1 is the latest facts; log order by default. */
  readonly order?: 'asc' | 'desc'
}

export interface ReviewPage {
  readonly page: number
  readonly pageSize: number
  readonly total: number
  /** How many of the unit's (or all units') facts are in each state, whatever `status` asks for. */
  readonly counts: Readonly<Record<ReviewStatus, number>>
  readonly items: ReadonlyArray<ReviewItem>
}

export const reviewQueue = async (store: EventStore, q: ReviewQuery): Promise<ReviewPage> => {
  const items = new Map<string, ReviewItem>()
  for (const e of await readRecorded(store)) {
    const data = e.data as {
      unitId?: string
      occurredOn?: string
      targetEventId?: string
      reason?: string
      note?: string
    }
    if (isUnitFactType(e.type) && isEventType(e.type)) {
      if (q.unitId !== undefined && data.unitId !== q.unitId) continue
      items.set(e.id, {
        status: 'pending',
        event: {
          id: e.id,
          type: e.type,
          label: CATALOG[e.type].label,
          unitId: data.unitId ?? '',
          occurredOn: data.occurredOn ?? '',
          data: e.data,
          stream: e.stream,
          position: e.position.toString(),
          recordedAt: e.recordedAt,
          actor: e.actor,
        },
        review: null,
      })
      continue
    }
    const target = data.targetEventId === undefined ? undefined : items.get(data.targetEventId)
    if (!target) continue
    if (e.type === 'EventRetracted') items.delete(data.targetEventId!)
    else if (e.type === 'FactVerified' || e.type === 'FactReturned')
      items.set(data.targetEventId!, {
        ...target,
        status: e.type === 'FactVerified' ? 'verified' : 'returned',
        review: {
          event: e.id,
          recordedAt: e.recordedAt,
          actor: e.actor,
          ...(data.note === undefined ? {} : { note: data.note }),
          ...(e.type === 'FactReturned' && data.reason !== undefined ? { reason: data.reason } : {}),
        },
      })
  }
  const all = [...items.values()]
  const counts = { pending: 0, verified: 0, returned: 0 }
  for (const i of all) counts[i.status]++
  const matching = q.status === undefined ? all : all.filter((i) => i.status === q.status)
  const chosen = q.order === 'desc' ? matching.reverse() : matching
  return {
    page: q.page,
    pageSize: q.pageSize,
    total: chosen.length,
    counts,
    items: chosen.slice((q.page - 1) * q.pageSize, q.page * q.pageSize),
  }
}
