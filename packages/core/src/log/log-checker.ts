/**
 * @module The rules a log must keep beyond each event's own shape: ids unique, units registered before use,
 * retractions aimed at known events, and every case follow-up allowed by the case lifecycle decider.
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
import { CATALOG, type DomainEvent, type EventType, isUnitFactType } from '../events/catalog'
import { canonicalJson } from '../primitives/canonical-json'
import { validateScheme } from '../scheme/validate'

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
      { path: 'data.unitId', message: `未登记的单位 ${event.data.unitId}（须先记录 UnitRegistered）` },
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
          message: `只能审核单位填报的事实，${target} 是${CATALOG[type].label}（${type}）`,
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
  if (caseUpdate) log.cases.set(...caseUpdate)
  log.unitOf.set(id, event.data.unitId)
  log.typeOf.set(id, event.type)
  log.ids.set(id, fingerprint)
  return E.right('appended')
}
