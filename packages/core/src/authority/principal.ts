/**
 * @module Who is acting (SPEC §6 "Auth"): a role, the unit a reporter is bound to, and a name. The stored
 * event's `actor` records all three as one readable string, `名称 (role@unitId)`, parsed back by `parseActor`.
 */
import * as t from 'io-ts'

export const Role = t.keyof({ admin: null, reporter: null, reviewer: null, auditor: null }, 'Role')
export type Role = t.TypeOf<typeof Role>

export const ROLE_LABELS = {
  admin: '市局管理员',
  reporter: '填报单位',
  reviewer: '考核组',
  auditor: '审计',
} as const satisfies Record<Role, string>

export interface Principal {
  readonly role: Role
  /** Set for a reporter only: the unit it reports for. */
  readonly unitId?: string
  /** A person's or system's name; never a token. */
  readonly name: string
}

/** The actor string stored with every event: the name, then the role (and a reporter's unit) in brackets. */
export const formatActor = (p: Principal): string =>
  `${p.name} (${p.role}${p.unitId === undefined ? '' : `@${p.unitId}`})`

const ACTOR = /^(.*) \((admin|reporter|reviewer|auditor)(?:@([a-z0-9-]{1,64}))?\)$/s

/**
 * Reads an actor string back. Events recorded before roles were kept (v1) have no role: they are nobody's
 * own unit fact, so a reporter can retract none of them.
 */
export const parseActor = (
  actor: string
): { readonly name: string; readonly role?: Role; readonly unitId?: string } => {
  const m = ACTOR.exec(actor)
  if (!m) return { name: actor }
  return { name: m[1]!, role: m[2] as Role, ...(m[3] === undefined ? {} : { unitId: m[3] }) }
}
