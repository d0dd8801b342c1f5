/**
 * @module The rules a log must keep beyond each event's own shape: ids unique, units registered before use,
 * retractions aimed at known events, every case follow-up allowed by the case lifecycle decider, and each
 * business id held by one counting fact per unit (SPEC §3 "Business ids").
 * Folded one event at a time, so a file import and an append check the same rules.
 */
import * as E from 'fp-ts/Either'
import type { Issue } from '../codec/issues'
import {
  type CaseCommand,
  type CaseState,
  type CaseStreamEvent,
  caseLifecycle,
} from '../deciders/case-lifecycle'
import { describeError } from '../errors'
import { isCaseFollowUp } from '../events/case'
import { type DomainEvent, type EventType, isUnitFactType, typeLabel } from '../events/catalog'
import { canonicalJson } from '../primitives/canonical-json'
import { validateScheme } from '../scheme/validate'
import { businessIdField, businessKey, keyParts } from './business-key'

export interface LogState {
  readonly ids: Map<string, string>
  readonly units: Set<string>
  readonly cases: Map<string, CaseState>
  /** Which case an event id belongs to, so retracting it updates that case. */
  readonly caseOf: Map<string, string>
  /** The latest published version of each scheme. */
  readonly schemes: Map<string, number>
  /** The unit of each unit-scoped event, so a retraction can only aim at its own unit's facts. */
  readonly unitOf: Map<string, string>
  /** The type and recording actor of each event a correction may aim at (for the authority check). */
  readonly typeOf: Map<string, EventType>
  readonly actorOf: Map<string, string>
  /** The business key of each fact that has one (`business-key.ts`), until the fact is retracted. */
  readonly keyOf: Map<string, string>
  /** The fact holding each business key: recorded, and neither retracted nor returned. */
  readonly holders: Map<string, string>
  /** Each standing return (FactReturned) → the fact it sent back; that fact counts again when the return is retracted. */
  readonly returned: Map<string, string>
}

/** What "the same content" means for a repeated id: type and data, key order aside. */
export const fingerprint = (type: string, data: unknown): string => canonicalJson([type, data])

export const emptyLog = (): LogState => ({
  ids: new Map(),
  units: new Set(),
  cases: new Map(),
  caseOf: new Map(),
  schemes: new Map(),
  unitOf: new Map(),
  typeOf: new Map(),
  actorOf: new Map(),
  keyOf: new Map(),
  holders: new Map(),
  returned: new Map(),
})

/** Remembers an accepted event's type and actor, for corrections that may aim at it later. */
export const noteEvent = (log: LogState, id: string, type: EventType, actor: string | undefined): void => {
  log.typeOf.set(id, type)
  if (actor !== undefined) log.actorOf.set(id, actor)
}

/**
 * Checks one event against the log so far and, when it passes, adds it (the state is mutated only on success).
 * The fingerprint lets a repeated id with identical content be told apart from a conflicting one.
 */
export const checkNext = (
  log: LogState,
  id: string,
  event: DomainEvent,
  fingerprint: string
): E.Either<ReadonlyArray<Issue>, 'appended' | 'duplicate'> => {
  const seen = log.ids.get(id)
  if (seen !== undefined)
    return seen === fingerprint
      ? E.right('duplicate')
      : E.left([{ path: 'id', message: `事件 id ${id} 已存在且内容不同` }])
  if (event.type === 'UnitRegistered') {
    log.units.add(event.data.unitId)
    log.ids.set(id, fingerprint)
    return E.right('appended')
  }
  if (event.type === 'ResultPublished') {
    const { schemeId, version } = event.data
    const latest = log.schemes.get(schemeId)
    if (latest === undefined)
      return E.left([{ path: 'data.schemeId', message: `考核办法 ${schemeId} 尚未发布` }])
    if (version > latest)
      return E.left([
        {
          path: 'data.version',
          message: `考核办法 ${schemeId} 只有第 ${latest} 版，不能按第 ${version} 版发布结果`,
        },
      ])
    log.ids.set(id, fingerprint)
    return E.right('appended')
  }
  if (event.type === 'SchemePublished') {
    const { schemeId, version, scheme } = event.data
    const issues = validateScheme(scheme).map((i) => ({ path: `data.scheme.${i.path}`, message: i.message }))
    const expected = (log.schemes.get(schemeId) ?? 0) + 1
    if (version !== expected)
      issues.push({
        path: 'data.version',
        message: `考核办法 ${schemeId} 的下一版本应为 ${expected}，实际为 ${version}`,
      })
    if (issues.length > 0) return E.left(issues)
    log.schemes.set(schemeId, version)
    log.ids.set(id, fingerprint)
    return E.right('appended')
  }
  if (!log.units.has(event.data.unitId))
    return E.left([
      { path: 'data.unitId', message: `未登记的单位 ${event.data.unitId}（须先登记被考核单位）` },
    ])

  let caseUpdate: readonly [string, CaseState] | undefined
  if (event.type === 'CaseOpened' || isCaseFollowUp(event.type)) {
    const caseId = (event.data as { caseId: string }).caseId
    const state = log.cases.get(caseId) ?? caseLifecycle.initialState()
    const command = { id, ...event } as CaseStreamEvent as CaseCommand
    const decided = caseLifecycle.decide(command, state)
    if (E.isLeft(decided)) return E.left([{ path: 'data.caseId', message: describeError(decided.left) }])
    caseUpdate = [caseId, decided.right.reduce(caseLifecycle.evolve, state)]
    log.caseOf.set(id, caseId)
  }
  if (event.type === 'FactVerified' || event.type === 'FactReturned') {
    const target = event.data.targetEventId
    const type = log.typeOf.get(target)
    if (!log.ids.has(target) || type === undefined)
      return E.left([
        { path: 'data.targetEventId', message: `审核的目标事件 ${target} 不存在（须在本记录之前）` },
      ])
    if (!isUnitFactType(type))
      return E.left([
        {
          path: 'data.targetEventId',
          message: `只能审核单位填报的事实，${target} 是${typeLabel(type)}`,
        },
      ])
    if (log.unitOf.get(target) !== event.data.unitId)
      return E.left([
        { path: 'data.targetEventId', message: `${target} 不是单位 ${event.data.unitId} 的事实` },
      ])
  }
  if (event.type === 'EventRetracted' || event.type === 'FactReturned') {
    const target = event.data.targetEventId
    if (!log.ids.has(target))
      return E.left([
        { path: 'data.targetEventId', message: `撤回的目标事件 ${target} 不存在（须在本记录之前）` },
      ])
    // Scores are computed unit by unit, so a unit may only retract its own facts (not the registry or schemes).
    if (log.unitOf.get(target) !== event.data.unitId)
      return E.left([
        {
          path: 'data.targetEventId',
          message: `只能撤回本单位（${event.data.unitId}）的事实记录，${target} 不是`,
        },
      ])
    const caseId = log.caseOf.get(target)
    const state = caseId === undefined ? undefined : log.cases.get(caseId)
    if (caseId !== undefined && state)
      caseUpdate = [caseId, caseLifecycle.evolve(state, { id, ...event } as CaseStreamEvent)]
  }
  const keys = businessKeyCheck(log, event)
  if (E.isLeft(keys)) return keys
  if (caseUpdate) log.cases.set(...caseUpdate)
  keys.right(id)
  log.unitOf.set(id, event.data.unitId)
  log.typeOf.set(id, event.type)
  log.ids.set(id, fingerprint)
  return E.right('appended')
}

const held = (key: string, holder: string): string => {
  const { type, value } = keyParts(key)
  return `${typeLabel(type)}编号 ${value} 已由事件 ${holder} 记录`
}

/**
 * SPEC §3 "Business ids": a fact whose business key has a holder is refused, naming the holder; a retraction or a
 * return frees its target's key; retracting the last standing return of a fact makes it hold its key again, which
 * is refused when another fact has recorded the same thing meanwhile. Answers what to note once the event is
 * accepted (the state is changed only on success).
 */
const businessKeyCheck = (
  log: LogState,
  event: DomainEvent
): E.Either<ReadonlyArray<Issue>, (id: string) => void> => {
  const key = businessKey(event.type, event.data)
  const holder = key === undefined ? undefined : log.holders.get(key)
  if (key !== undefined && holder !== undefined)
    return E.left([
      {
        path: `data.${businessIdField(event.type)}`,
        message: `${held(key, holder)}；如需更正，请先撤回该事件再重新记录`,
      },
    ])
  const notes: Array<(id: string) => void> = []
  if (key !== undefined)
    notes.push((id) => {
      log.keyOf.set(id, key)
      log.holders.set(key, id)
    })
  if (event.type === 'EventRetracted' || event.type === 'FactReturned') {
    const target = event.data.targetEventId
    const targetKey = log.keyOf.get(target)
    if (targetKey !== undefined)
      notes.push((id) => {
        if (log.holders.get(targetKey) === target) log.holders.delete(targetKey)
        if (event.type === 'EventRetracted') log.keyOf.delete(target)
        else log.returned.set(id, target)
      })
    const sentBack = event.type === 'EventRetracted' ? log.returned.get(target) : undefined
    const sentBackKey = sentBack === undefined ? undefined : log.keyOf.get(sentBack)
    if (sentBack !== undefined) {
      notes.push(() => log.returned.delete(target))
      const others = [...log.returned].some(([r, fact]) => r !== target && fact === sentBack)
      if (sentBackKey !== undefined && !others) {
        const now = log.holders.get(sentBackKey)
        if (now !== undefined && now !== sentBack)
          return E.left([
            {
              path: 'data.targetEventId',
              message: `撤回退回记录 ${target} 会使事件 ${sentBack} 重新计入，但${held(sentBackKey, now)}；须先撤回事件 ${now}`,
            },
          ])
        notes.push(() => log.holders.set(sentBackKey, sentBack))
      }
    }
  }
  return E.right((id) => {
    for (const note of notes) note(id)
  })
}
