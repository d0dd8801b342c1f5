/**
 * @module A reporter must not learn whether another unit's case id exists, nor whose it is (SPEC §6): a step of such
 * a case reads as a case never opened; opening one only says the id is taken (case streams are named by case id
 * alone, so that much cannot be hidden — see docs/security.md). An id whose opening was retracted stays its unit's
 * (the case decider keeps the owner): another unit opening it would take over the case's stream. The decider
 * itself allows that reopening, since the log checker also reads exports that may hold one from before; the rule
 * is this one, on every way a reporter's events come in (the append command, a reporter's file import).
 */
import { type CaseState, type DomainEvent, describeError, type Issue } from '@kaoping/core'

export const othersCases = (
  events: ReadonlyArray<DomainEvent>,
  /** Each case's state before these events. */
  cases: ReadonlyMap<string, CaseState>,
  unitId: string | undefined
): Issue[] =>
  events.flatMap((e, i) => {
    const caseId = (e.data as { caseId?: string }).caseId
    const state = caseId === undefined ? undefined : cases.get(caseId)
    const owner = state === undefined ? undefined : state.status === 'none' ? state.owner : state.unitId
    if (caseId === undefined || owner === undefined || owner === unitId) return []
    const message =
      e.type === 'CaseOpened'
        ? `案件编号 ${caseId} 已被使用，请换一个编号（建议以本单位代码开头）`
        : describeError({ _tag: 'CaseNotOpened', caseId, type: e.type })
    return [{ path: `events.${i}.data.caseId`, message }]
  })
