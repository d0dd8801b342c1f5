/**
 * @module The assessment cycle's rules on the append path (SPEC §8): for a batch holding `AppealFiled`,
 * `AppealDecided`, `ResultPublished` or a retraction or return of an `AppealFiled`, reads what the core `cycle`
 * decider needs — the scheme stream (versions and publications) and the appeals of the units concerned (all units for a final publication) — and decides
 * each such event at the recording instant. The streams read are added to the batch's expected revisions, so a
 * concurrent append that would change the decision (an appeal racing the final publication) makes one of the
 * two fail with a conflict instead of both passing. A batch without such events reads nothing.
 */
import {
  type CycleCommand,
  type CycleError,
  type CycleEvent,
  type CycleState,
  cycle,
  type DomainEvent,
  describeError,
  type Issue,
  isEventType,
  isUndoType,
  schemeStream,
  targetOf,
  UNITS_STREAM,
  unitStream,
} from '@kaoping/core'
import type { EventStore, RecordedEvent } from '@kaoping/store'
import * as E from 'fp-ts/Either'

interface BatchEvent {
  readonly id: string
  readonly event: DomainEvent
}

const DECIDED: ReadonlySet<string> = new Set(['AppealFiled', 'AppealDecided', 'ResultPublished'])
const FOLDED: ReadonlySet<string> = new Set([
  'SchemePublished',
  'ResultPublished',
  'AppealFiled',
  'AppealDecided',
  'EventRetracted',
  'FactReturned',
])

/** Which field each refusal is about, for the issue path. */
const PATH: Readonly<Record<CycleError['_tag'], string>> = {
  CycleSchemeNotPublished: 'data.schemeId',
  UnknownIndicator: 'data.indicatorId',
  NoAppealWindow: 'data.schemeId',
  AppealWindowClosed: 'data.schemeId',
  AppealAfterFinal: 'data.schemeId',
  AppealAlreadyFiled: 'data.appealId',
  AppealNotFound: 'data.appealId',
  AppealAlreadyDecided: 'data.appealId',
  DecidedAppealWithdrawn: 'data.targetEventId',
  PointsWithoutIndicator: 'data.points',
  PointsOnRejectedAppeal: 'data.points',
  PreliminaryWithoutWindow: 'data.appealUntil',
  FinalWithWindow: 'data.appealUntil',
  WindowBeforePublication: 'data.appealUntil',
  FinalWithoutPreliminary: 'data.stage',
  AppealsUndecided: 'data.stage',
  AlreadyFinal: 'data.stage',
}

const asCycleEvent = (e: RecordedEvent): CycleEvent | undefined =>
  FOLDED.has(e.type) && isEventType(e.type)
    ? ({ id: e.id, type: e.type, data: e.data, recordedAt: e.recordedAt } as CycleEvent)
    : undefined

/** The scheme an appeal event concerns: its own for a filing, the filing's for a decision. */
const schemeOfDecision = (
  unitId: string,
  appealId: string,
  known: ReadonlyArray<CycleEvent>
): string | undefined => {
  let schemeId: string | undefined
  for (const e of known)
    if (e.type === 'AppealFiled' && e.data.unitId === unitId && e.data.appealId === appealId)
      schemeId = e.data.schemeId
  return schemeId
}

/** Whether a unit stream's cycle event belongs to a scheme's history (retractions always do; unrelated ones are no-ops). */
const concerns = (schemeId: string, e: CycleEvent, filings: ReadonlyArray<CycleEvent>): boolean => {
  if (e.type === 'AppealFiled') return e.data.schemeId === schemeId
  if (e.type === 'AppealDecided')
    return schemeOfDecision(e.data.unitId, e.data.appealId, filings) === schemeId
  return e.type === 'EventRetracted' || e.type === 'FactReturned'
}

export const checkCycle = async (
  store: EventStore,
  batch: ReadonlyArray<BatchEvent>,
  /** The revisions the append will expect; the streams read here are added (when absent). */
  revisions: Map<string, bigint | null>,
  /** The recording instant (ISO-8601), or each event's (an import keeps every line's own). */
  now: string | ((index: number) => string),
  /**
   * An admin's re-load of an export: what was stored stays loadable, so a rule added later (withdrawing a decided
   * appeal was allowed before) is not applied to its lines.
   */
  options: { readonly trusted?: boolean } = {}
): Promise<Issue[]> => {
  const at = typeof now === 'string' ? () => now : now
  // Withdrawing an appeal (a retraction or return of its filing) is decided too: not once it is decided.
  const undoneOf = (e: DomainEvent) => (isUndoType(e.type) ? targetOf(e) : undefined)
  const undone = options.trusted === true ? [] : batch.flatMap((d) => undoneOf(d.event) ?? [])
  const targets = undone.length > 0 ? await store.findEvents(undone) : new Map<string, RecordedEvent>()
  const filedInBatch = new Set(batch.flatMap((d) => (d.event.type === 'AppealFiled' ? [d.id] : [])))
  const withdrawn = new Set(
    undone.filter((id) => filedInBatch.has(id) || targets.get(id)?.type === 'AppealFiled')
  )
  /** The filing an event withdraws, if it withdraws one. */
  const withdrawnBy = (e: DomainEvent) => {
    const target = undoneOf(e)
    return target !== undefined && withdrawn.has(target) ? target : undefined
  }
  const isDecided = (d: BatchEvent) => DECIDED.has(d.event.type) || withdrawnBy(d.event) !== undefined
  if (!batch.some(isDecided)) return []
  // A retried batch (same ids) was decided when first stored: acknowledge it again, do not decide anew.
  const stored = await store.findEvents(batch.filter(isDecided).map((d) => d.id))

  const streams = new Map<string, ReadonlyArray<RecordedEvent>>()
  const read = async (stream: string) => {
    let events = streams.get(stream)
    if (!events) {
      events = await store.readStream(stream)
      streams.set(stream, events)
      if (!revisions.has(stream)) revisions.set(stream, events.at(-1)?.revision ?? null)
    }
    return events
  }
  const unitIds = new Set<string>()
  let allUnits = false
  for (const d of batch) {
    const e = d.event
    if (e.type === 'AppealFiled' || e.type === 'AppealDecided') unitIds.add(e.data.unitId)
    if (e.type === 'ResultPublished' && e.data.stage === 'final') allUnits = true
  }
  for (const id of withdrawn) {
    const unitId = (targets.get(id)?.data as { unitId?: unknown } | undefined)?.unitId
    if (typeof unitId === 'string') unitIds.add(unitId)
  }
  if (allUnits)
    for (const e of await read(UNITS_STREAM))
      if (e.type === 'UnitRegistered') unitIds.add((e.data as { unitId: string }).unitId)
  const unitHistory: CycleEvent[] = []
  const ordered: RecordedEvent[] = []
  for (const unitId of unitIds) ordered.push(...(await read(unitStream(unitId))))
  for (const e of ordered.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0))) {
    const c = asCycleEvent(e)
    if (c) unitHistory.push(c)
  }
  const filings: CycleEvent[] = [...unitHistory]
  for (const d of batch)
    if (d.event.type === 'AppealFiled') filings.push({ id: d.id, ...d.event } as CycleEvent)
  /** The scheme of a withdrawn filing (stored or earlier in the batch). */
  const schemeOfFiling = (id: string): string | undefined => {
    const f = filings.find((e) => e.id === id && e.type === 'AppealFiled')
    return f?.type === 'AppealFiled' ? f.data.schemeId : undefined
  }

  /** The scheme an event's cycle rules concern: its own, a decision's filing's, a withdrawn filing's. */
  const schemeOf = (e: DomainEvent): string | undefined => {
    if (e.type === 'AppealFiled' || e.type === 'ResultPublished' || e.type === 'SchemePublished')
      return e.data.schemeId
    if (e.type === 'AppealDecided') return schemeOfDecision(e.data.unitId, e.data.appealId, filings)
    const filing = withdrawnBy(e)
    return filing === undefined ? undefined : schemeOfFiling(filing)
  }

  // The schemes to fold (a scheme published in this very batch has nothing stored to fold).
  const schemeIds = new Set<string>()
  for (const d of batch) {
    const s = d.event.type === 'SchemePublished' ? undefined : schemeOf(d.event)
    if (s !== undefined) schemeIds.add(s)
  }
  const states = new Map<string, CycleState>()
  for (const schemeId of schemeIds) {
    const own = (await read(schemeStream(schemeId))).flatMap((e) => asCycleEvent(e) ?? [])
    const history = [...own, ...unitHistory.filter((e) => concerns(schemeId, e, filings))]
    states.set(schemeId, history.reduce(cycle.evolve, cycle.initialState()))
  }

  const issues: Issue[] = []
  batch.forEach((d, i) => {
    const e = d.event
    const schemeId = schemeOf(e)
    const evolveAll = (event: CycleEvent) => {
      for (const [s, state] of states) states.set(s, cycle.evolve(state, event))
    }
    if (!isDecided(d) || stored.has(d.id)) {
      // Later events of the batch are decided on what the earlier ones change.
      if (FOLDED.has(e.type)) {
        const event = { id: d.id, type: e.type, data: e.data } as CycleEvent
        if (schemeId !== undefined && states.has(schemeId))
          states.set(schemeId, cycle.evolve(states.get(schemeId)!, event))
        else if (e.type === 'EventRetracted' || e.type === 'FactReturned') evolveAll(event)
      }
      return
    }
    const state = (schemeId === undefined ? undefined : states.get(schemeId)) ?? cycle.initialState()
    const decided = cycle.decide({ id: d.id, type: e.type, data: e.data, at: at(i) } as CycleCommand, state)
    if (E.isLeft(decided)) {
      issues.push({ path: `events.${i}.${PATH[decided.left._tag]}`, message: describeError(decided.left) })
      return
    }
    if (schemeId !== undefined) states.set(schemeId, decided.right.reduce(cycle.evolve, state))
  })
  return issues
}
