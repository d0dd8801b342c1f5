/**
 * @module The assessment cycle decider (SPEC §8), one per scheme: 初评公示 → 申诉 while the window is open →
 * 复核决定 → 最终结果.
 *
 * - An appeal (`AppealFiled`) is accepted only after a preliminary publication and until the end of the latest
 *   one's `appealUntil` (Beijing time), never after the final publication; an `appealId` once per unit; the
 *   indicator it names must be one of the scheme's (latest published version).
 * - A decision (`AppealDecided`) only on an appeal that exists, once; `points` only when the appeal names an
 *   indicator (an appeal against the whole result carries none) and the decision is not a rejection.
 * - A preliminary publication gives `appealUntil`, not before the day it is published; a final one gives none,
 *   comes after a preliminary one, with every appeal decided, and nothing is published after it.
 *
 * The window needs "now": core has no clock, so every command carries `at`, the instant it is recorded (the app
 * layer passes the recording instant); the event decided keeps it as `recordedAt`. A retraction (or a 考核组
 * return) of an appeal withdraws it — only while undecided: a decided appeal stays, or a unit could withdraw it
 * and file again under the same id, elsewhere, to carry the city's points to another indicator or scheme (or to
 * shed a decision against it). A retraction of a decision reopens the appeal.
 */
import * as E from 'fp-ts/Either'
import type { CycleError } from '../errors'
import type { EventData } from '../events/catalog'
import { beijingDateOf, endOfBeijingDayMs, instantMs } from '../primitives/iso-date'
import type { Decider } from './decider'

type Of<K extends keyof EventData> = {
  readonly id: string
  readonly type: K
  readonly data: EventData[K]
  /** When it was recorded (events read back from the log carry it; the window check does not need it). */
  readonly recordedAt?: string
}

/** What the cycle folds: the scheme stream and the appeals (with their corrections) of its units. */
export type CycleEvent =
  | Of<'SchemePublished'>
  | Of<'ResultPublished'>
  | Of<'AppealFiled'>
  | Of<'AppealDecided'>
  | Of<'EventRetracted'>
  | Of<'FactReturned'>

type Decidable =
  | Of<'ResultPublished'>
  | Of<'AppealFiled'>
  | Of<'AppealDecided'>
  | Of<'EventRetracted'>
  | Of<'FactReturned'>

/** A command is the event to record and the instant it is recorded at (ISO-8601). */
export type CycleCommand = {
  [K in Decidable['type']]: Omit<Of<K>, 'recordedAt'> & { readonly at: string }
}[Decidable['type']]

export interface Appeal {
  readonly unitId: string
  readonly appealId: string
  readonly filed: Of<'AppealFiled'>
  readonly decided?: Of<'AppealDecided'>
}

export interface CycleState {
  /** The indicator ids (and bonus indicator ids) of the latest published version; null before any. */
  readonly indicators: ReadonlySet<string> | null
  readonly publications: ReadonlyArray<Of<'ResultPublished'>>
  /** By `unitId/appealId`, in filing order. */
  readonly appeals: ReadonlyMap<string, Appeal>
}

export const appealKey = (unitId: string, appealId: string): string => `${unitId}/${appealId}`

const latest = (state: CycleState, stage: 'preliminary' | 'final') =>
  state.publications.filter((p) => p.data.stage === stage).at(-1)

const fileAppeal = (
  command: Extract<CycleCommand, { type: 'AppealFiled' }>,
  state: CycleState
): CycleError | undefined => {
  const { schemeId, unitId, appealId, indicatorId } = command.data
  if (state.indicators === null) return { _tag: 'CycleSchemeNotPublished', schemeId }
  if (indicatorId !== undefined && !state.indicators.has(indicatorId))
    return { _tag: 'UnknownIndicator', schemeId, indicatorId }
  if (latest(state, 'final')) return { _tag: 'AppealAfterFinal', schemeId }
  const preliminary = latest(state, 'preliminary')
  const until = preliminary?.data.appealUntil
  if (until === undefined) return { _tag: 'NoAppealWindow', schemeId }
  if (instantMs(command.at) > endOfBeijingDayMs(until))
    return { _tag: 'AppealWindowClosed', schemeId, appealUntil: until }
  if (state.appeals.has(appealKey(unitId, appealId))) return { _tag: 'AppealAlreadyFiled', unitId, appealId }
  return undefined
}

const decideAppeal = (
  command: Extract<CycleCommand, { type: 'AppealDecided' }>,
  state: CycleState
): CycleError | undefined => {
  const { unitId, appealId, decision, points } = command.data
  const appeal = state.appeals.get(appealKey(unitId, appealId))
  if (!appeal) return { _tag: 'AppealNotFound', unitId, appealId }
  if (appeal.decided) return { _tag: 'AppealAlreadyDecided', unitId, appealId }
  if (points !== undefined && appeal.filed.data.indicatorId === undefined)
    return { _tag: 'PointsWithoutIndicator', unitId, appealId }
  if (points !== undefined && decision === 'rejected')
    return { _tag: 'PointsOnRejectedAppeal', unitId, appealId }
  return undefined
}

/** A retraction or return of a filing: refused once the appeal is decided (undo the decision first). */
const withdraw = (
  command: Extract<CycleCommand, { type: 'EventRetracted' | 'FactReturned' }>,
  state: CycleState
): CycleError | undefined => {
  for (const a of state.appeals.values())
    if (a.filed.id === command.data.targetEventId && a.decided)
      return { _tag: 'DecidedAppealWithdrawn', unitId: a.unitId, appealId: a.appealId }
  return undefined
}

const publish = (
  command: Extract<CycleCommand, { type: 'ResultPublished' }>,
  state: CycleState
): CycleError | undefined => {
  const { schemeId, stage, appealUntil } = command.data
  if (state.indicators === null) return { _tag: 'CycleSchemeNotPublished', schemeId }
  if (latest(state, 'final')) return { _tag: 'AlreadyFinal', schemeId }
  if (stage === 'preliminary') {
    if (appealUntil === undefined) return { _tag: 'PreliminaryWithoutWindow', schemeId }
    const publishedOn = beijingDateOf(instantMs(command.at))
    if (appealUntil < publishedOn) return { _tag: 'WindowBeforePublication', appealUntil, publishedOn }
    return undefined
  }
  if (appealUntil !== undefined) return { _tag: 'FinalWithWindow', schemeId }
  if (!latest(state, 'preliminary')) return { _tag: 'FinalWithoutPreliminary', schemeId }
  const open = [...state.appeals.entries()].flatMap(([key, a]) => (a.decided ? [] : [key]))
  if (open.length > 0) return { _tag: 'AppealsUndecided', schemeId, appeals: open }
  return undefined
}

const decide = (
  command: CycleCommand,
  state: CycleState
): E.Either<CycleError, ReadonlyArray<CycleEvent>> => {
  const problem =
    command.type === 'AppealFiled'
      ? fileAppeal(command, state)
      : command.type === 'AppealDecided'
        ? decideAppeal(command, state)
        : command.type === 'ResultPublished'
          ? publish(command, state)
          : withdraw(command, state)
  if (problem) return E.left(problem)
  const { at, ...event } = command
  return E.right([{ ...event, recordedAt: at } as CycleEvent])
}

const indicatorIds = (scheme: EventData['SchemePublished']['scheme']): ReadonlySet<string> =>
  new Set([
    ...scheme.categories.flatMap((c) => c.indicators.map((i) => i.id)),
    ...(scheme.bonus?.indicators.map((i) => i.id) ?? []),
  ])

const evolve = (state: CycleState, event: CycleEvent): CycleState => {
  switch (event.type) {
    case 'SchemePublished':
      return { ...state, indicators: indicatorIds(event.data.scheme) }
    case 'ResultPublished':
      return { ...state, publications: [...state.publications, event] }
    case 'AppealFiled': {
      const { unitId, appealId } = event.data
      const appeals = new Map(state.appeals)
      appeals.set(appealKey(unitId, appealId), { unitId, appealId, filed: event })
      return { ...state, appeals }
    }
    case 'AppealDecided': {
      const key = appealKey(event.data.unitId, event.data.appealId)
      const appeal = state.appeals.get(key)
      // A decision on an appeal this state does not hold concerns another scheme.
      if (!appeal || appeal.decided) return state
      return { ...state, appeals: new Map(state.appeals).set(key, { ...appeal, decided: event }) }
    }
    case 'EventRetracted':
    case 'FactReturned': {
      const target = event.data.targetEventId
      const appeals = new Map<string, Appeal>()
      let changed = false
      for (const [key, a] of state.appeals) {
        if (a.filed.id === target) {
          changed = true
          continue
        }
        if (a.decided?.id === target) {
          changed = true
          const { decided: _reopened, ...rest } = a
          appeals.set(key, rest)
          continue
        }
        appeals.set(key, a)
      }
      return changed ? { ...state, appeals } : state
    }
  }
}

export const cycle: Decider<CycleCommand, CycleEvent, CycleState, CycleError> = {
  decide,
  evolve,
  initialState: (): CycleState => ({ indicators: null, publications: [], appeals: new Map() }),
}
