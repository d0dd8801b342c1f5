/**
 * @module The one authority check (SPEC §3 "Authority"): may this principal append this event? Every way in —
 * the HTTP append and stream routes, spreadsheet uploads, CLI import — calls it through the application's
 * append command; nothing else decides who may record what.
 */
import type { Issue } from '../codec/issues'
import { CATALOG, type DomainEvent, type EventType } from '../events/catalog'
import { type Principal, parseActor, ROLE_LABELS } from './principal'

/** What the check needs to know about a correction's target: read from the log by the caller. */
export interface TargetInfo {
  readonly type: EventType
  /** The unit the target concerns (undefined for registry and scheme events). */
  readonly unitId?: string
  readonly actor: string
  /** Whether the 考核组 has verified it (a standing FactVerified); read from the log by the caller, for reporters. */
  readonly verified?: boolean
}

const typeLabel = (type: EventType) => `${CATALOG[type].label}（${type}）`

/** May the principal append a type (for the given unit) on the type's own authority? */
const mayAppendType = (p: Principal, type: EventType, unitId: string | undefined): string | undefined => {
  const authority = CATALOG[type].authority
  if (p.role === 'admin') return undefined
  if (p.role === 'auditor') return `${ROLE_LABELS.auditor}只能查阅，不能写入事件`
  if (authority === 'unit') {
    if (p.role !== 'reporter') return `${typeLabel(type)}由填报单位记录，${ROLE_LABELS[p.role]}不能写入`
    if (unitId !== p.unitId) return `填报单位 ${p.unitId} 不能写入单位 ${unitId ?? '（无）'} 的事件`
    return undefined
  }
  if (authority === 'review')
    return p.role === 'reviewer'
      ? undefined
      : `${typeLabel(type)}由考核组记录，${ROLE_LABELS[p.role]}不能写入`
  if (authority === 'city') return `${typeLabel(type)}由市局记录，${ROLE_LABELS[p.role]}不能写入`
  return undefined
}

/**
 * `target` is the stored (or earlier in the batch) event a retraction aims at; undefined when unknown (the log
 * checker then rejects the retraction on its own).
 */
export const authorize = (p: Principal, event: DomainEvent, target?: TargetInfo): Issue | undefined => {
  const unitId = (event.data as { unitId?: string }).unitId
  if (CATALOG[event.type].authority !== 'target') {
    const problem = mayAppendType(p, event.type, unitId)
    return problem === undefined ? undefined : { path: 'type', message: problem }
  }
  // A retraction: allowed to whoever may append the target's type for the target's unit …
  if (target === undefined) return undefined
  const problem = mayAppendType(p, target.type, target.unitId)
  if (problem !== undefined) return { path: 'data.targetEventId', message: `不能撤回：${problem}` }
  // … and a reporter only what a reporter of its own unit recorded (never a fact the city recorded about it).
  if (p.role === 'reporter') {
    const by = parseActor(target.actor)
    if (by.role !== 'reporter' || by.unitId !== p.unitId)
      return { path: 'data.targetEventId', message: '填报单位只能撤回本单位填报人员记录的事实' }
    // … nor what the 考核组 has verified: it checked the fact, so taking it back is theirs (FactReturned).
    if (target.verified === true)
      return {
        path: 'data.targetEventId',
        message: '填报单位不能撤回考核组已核实的事实；如有错误，请由考核组退回（审核退回）后重新记录',
      }
  }
  return undefined
}
