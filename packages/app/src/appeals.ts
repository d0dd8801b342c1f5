/**
 * @module The appeals of a scheme (SPEC §8 step 5), each with its state: the cycle decider's state folded from the
 * scheme stream and the units' streams, so the list shows exactly what the rules act on.
 */
import { type CycleEvent, cycle, isEventType, schemeStream, UNITS_STREAM, unitStream } from '@kaoping/core'
import type { EventStore, RecordedEvent } from '@kaoping/store'
import * as E from 'fp-ts/Either'

export type AppealStatus = 'pending' | 'upheld' | 'partially_upheld' | 'rejected'

export interface AppealView {
  readonly unitId: string
  readonly appealId: string
  /** Null for an appeal against the whole result. */
  readonly indicatorId: string | null
  readonly reason: string
  readonly status: AppealStatus
  readonly filed: { readonly event: string; readonly occurredOn: string; readonly recordedAt: string | null }
  readonly decision: {
    readonly event: string
    readonly decision: Exclude<AppealStatus, 'pending'>
    readonly reason: string
    readonly occurredOn: string
    readonly recordedAt: string | null
  } | null
  /** The points the decision adjusts the appeal's indicator by, as a 2-decimal string; null when none. */
  readonly adjustment: string | null
}

const FOLDED = new Set(['AppealFiled', 'AppealDecided', 'EventRetracted', 'FactReturned'])

const cycleEvent = (e: RecordedEvent): CycleEvent =>
  ({ id: e.id, type: e.type, data: e.data, recordedAt: e.recordedAt }) as CycleEvent

/**
 * The scheme's appeals in filing order; `unitId` narrows to one unit; `upTo` folds only the events at or before
 * that log position (the appeals as a publication saw them). NotFound when the scheme is unknown.
 */
export const listAppeals = async (
  store: EventStore,
  schemeId: string,
  unitId?: string,
  upTo?: bigint
): Promise<E.Either<{ readonly _tag: 'NotFound'; readonly message: string }, AppealView[]>> => {
  const own = await store.readStream(schemeStream(schemeId))
  if (!own.some((e) => e.type === 'SchemePublished'))
    return E.left({ _tag: 'NotFound', message: `未找到考核办法 ${schemeId}` })
  const unitIds =
    unitId !== undefined
      ? [unitId]
      : (await store.readStream(UNITS_STREAM)).flatMap((e) =>
          e.type === 'UnitRegistered' ? [(e.data as { unitId: string }).unitId] : []
        )
  const units: RecordedEvent[] = []
  for (const u of unitIds) units.push(...(await store.readStream(unitStream(u))))
  units.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0))
  const filedHere = new Set<string>()
  const history = units.filter((e) => {
    if (!FOLDED.has(e.type) || !isEventType(e.type)) return false
    if (upTo !== undefined && e.position > upTo) return false
    const d = e.data as { schemeId?: string; unitId: string; appealId?: string }
    if (e.type === 'AppealFiled') {
      if (d.schemeId !== schemeId) return false
      filedHere.add(`${d.unitId}/${d.appealId}`)
    }
    return e.type !== 'AppealDecided' || filedHere.has(`${d.unitId}/${d.appealId}`)
  })
  const state = history.map(cycleEvent).reduce(cycle.evolve, cycle.initialState())
  return E.right(
    [...state.appeals.values()].map((a): AppealView => {
      const d = a.decided?.data
      return {
        unitId: a.unitId,
        appealId: a.appealId,
        indicatorId: a.filed.data.indicatorId ?? null,
        reason: a.filed.data.reason,
        status: d?.decision ?? 'pending',
        filed: {
          event: a.filed.id,
          occurredOn: a.filed.data.occurredOn,
          recordedAt: a.filed.recordedAt ?? null,
        },
        decision:
          d && a.decided
            ? {
                event: a.decided.id,
                decision: d.decision,
                reason: d.reason,
                occurredOn: d.occurredOn,
                recordedAt: a.decided.recordedAt ?? null,
              }
            : null,
        adjustment: d?.points === undefined ? null : d.points.toFixed(2),
      }
    })
  )
}

/**
 * The appeals upheld (in whole or in part) by the time of a publication at log position `position` — what its 通报
 * lists, however the appeals stand today (an appeal retracted later still shows as the publication saw it).
 */
export const upheldAt = async (
  store: EventStore,
  schemeId: string,
  position: bigint
): Promise<AppealView[]> => {
  const appeals = await listAppeals(store, schemeId, undefined, position)
  return (E.isRight(appeals) ? appeals.right : []).filter(
    (a) => a.status === 'upheld' || a.status === 'partially_upheld'
  )
}
