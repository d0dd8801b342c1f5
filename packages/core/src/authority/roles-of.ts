/** @module Which roles may append each event type, read off the catalog's authority (for documents people read). */
import { CATALOG, type EventType } from '../events/catalog'
import type { Role } from './principal'

export const ROLES_OF_AUTHORITY = {
  unit: ['admin', 'reporter'],
  review: ['admin', 'reviewer'],
  city: ['admin'],
  // A retraction: whoever may append the target's type for the target's unit.
  target: ['admin', 'reviewer', 'reporter'],
} as const satisfies Record<(typeof CATALOG)[EventType]['authority'], ReadonlyArray<Role>>

export const AUTHORITY_LABELS = {
  unit: '单位自报',
  review: '考核组',
  city: '市局',
  target: '同被撤回记录',
} as const satisfies Record<(typeof CATALOG)[EventType]['authority'], string>

export const rolesFor = (type: EventType): ReadonlyArray<Role> => ROLES_OF_AUTHORITY[CATALOG[type].authority]
