/**
 * @module Case lifecycle decider: opened → hearings/defences and extensions of its time limit (optional,
 * repeatable) → decided once per instance (second only after first) → closed, after which only a ruling may be
 * performed (SPEC §3 "Streams").
 */
import * as E from 'fp-ts/Either'
import type { CaseError } from '../errors'
import type { Instance } from '../events/case'
import type { EventData } from '../events/catalog'
import type { Decider } from './decider'

type CaseEventType =
  | 'CaseOpened'
  | 'HearingHeld'
  | 'DefenseSubmitted'
  | 'CaseDecided'
  | 'CaseClosed'
  | 'RulingPerformed'
  | 'CaseExtended'

/** A case event with its id (the id lets a later retraction undo exactly that step). */
export type CaseStreamEvent =
  | {
      [K in CaseEventType]: { readonly id: string; readonly type: K; readonly data: EventData[K] }
    }[CaseEventType]
  | { readonly id: string; readonly type: 'EventRetracted'; readonly data: EventData['EventRetracted'] }
  | { readonly id: string; readonly type: 'FactReturned'; readonly data: EventData['FactReturned'] }

export type CaseCommand = Exclude<CaseStreamEvent, { type: 'EventRetracted' | 'FactReturned' }>

export type CaseState =
  /**
   * Not open: never, or its opening was retracted — then `owner` keeps the unit that opened it: a reporter of another
   * unit may not open the id again (app `othersCases`), or it would take over the case's stream, named by the id.
   * The decider itself allows it, as before: the log checker also reads exports that may hold such a reopening.
   */
  | { readonly status: 'none'; readonly owner?: string }
  | {
      readonly status: 'open' | 'closed'
      readonly caseId: string
      readonly unitId: string
      readonly openedBy: string
      readonly decided: Readonly<Partial<Record<Instance, string>>>
      readonly closedBy?: string
    }

/** Which instance must already be decided before this one (retrial reopens a decided case). */
const REQUIRES: Readonly<Partial<Record<Instance, ReadonlyArray<Instance>>>> = {
  second: ['first'],
  retrial: ['first', 'second'],
}

const decide = (
  command: CaseCommand,
  state: CaseState
): E.Either<CaseError, ReadonlyArray<CaseStreamEvent>> => {
  const { caseId } = command.data
  if (command.type === 'CaseOpened')
    return state.status === 'none' ? E.right([command]) : E.left({ _tag: 'CaseAlreadyOpened', caseId })
  if (state.status === 'none') return E.left({ _tag: 'CaseNotOpened', caseId, type: command.type })
  if (state.unitId !== command.data.unitId)
    return E.left({ _tag: 'CaseOfAnotherUnit', caseId, owner: state.unitId, unitId: command.data.unitId })
  if (state.status === 'closed' && command.type !== 'RulingPerformed')
    return E.left({ _tag: 'CaseAlreadyClosed', caseId, type: command.type })
  if (command.type === 'CaseDecided') {
    const { instance } = command.data
    if (state.decided[instance]) return E.left({ _tag: 'AlreadyDecidedAtInstance', caseId, instance })
    const requires = REQUIRES[instance]
    if (requires && !requires.some((r) => state.decided[r]))
      return E.left({ _tag: 'InstanceOutOfOrder', caseId, instance, requires: requires[0]! })
  }
  return E.right([command])
}

const evolve = (state: CaseState, event: CaseStreamEvent): CaseState => {
  switch (event.type) {
    case 'CaseOpened':
      return {
        status: 'open',
        caseId: event.data.caseId,
        unitId: event.data.unitId,
        openedBy: event.id,
        decided: {},
      }
    case 'CaseDecided':
      return state.status === 'none'
        ? state
        : { ...state, decided: { ...state.decided, [event.data.instance]: event.id } }
    case 'CaseClosed':
      return state.status === 'none' ? state : { ...state, status: 'closed', closedBy: event.id }
    case 'EventRetracted':
    case 'FactReturned':
      return retract(state, event.data.targetEventId)
    case 'HearingHeld':
    case 'DefenseSubmitted':
    case 'RulingPerformed':
    case 'CaseExtended':
      return state
  }
}

/** A retracted step no longer constrains the case: a wrongly recorded decision can be recorded again. */
const retract = (state: CaseState, target: string): CaseState => {
  if (state.status === 'none') return state
  if (state.openedBy === target) return { status: 'none', owner: state.unitId }
  if (state.closedBy === target) {
    const { closedBy: _closed, ...open } = state
    return { ...open, status: 'open' }
  }
  const decided = Object.fromEntries(Object.entries(state.decided).filter(([, id]) => id !== target))
  return { ...state, decided }
}

export const caseLifecycle: Decider<CaseCommand, CaseStreamEvent, CaseState, CaseError> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
}
