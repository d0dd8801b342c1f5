/**
 * @module Business keys (SPEC §3 "Business ids"): the catalog's `businessId` names a real thing once per unit, so
 * `TrainingHeld|jiange|s1` may be held by one counting fact at a time. A correction (the catalog's `correction`
 * scope: a retraction or the 考核组's return) frees the key of its target. The same functions give the store the
 * keys it indexes each event under, so a check reads the holders of a key instead of scanning a stream.
 */
import { CATALOG, entryOf, isEventType } from '../events/catalog'

/** Keys never contain `|` in their parts: unit ids and business ids are slugs, event ids are UUIDs. */
const SEPARATOR = '|'
const UNDO = 'undo'

const field = (data: unknown, name: string): string | undefined => {
  const value =
    typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[name] : undefined
  return typeof value === 'string' ? value : undefined
}

/**
 * The field naming the real thing an event type records, when the key check applies to it. A type whose stream is
 * named by that field (CaseOpened: `case-{caseId}`) has none here: its stream's decider already refuses a second
 * one, with its own message.
 */
export const businessIdField = (type: string): string | undefined => {
  if (!isEventType(type)) return undefined
  const entry = entryOf(type)
  return entry.scope === 'case' ? undefined : entry.businessId
}

/** `Type|unitId|businessId`, or undefined for an event without a business id (read off the raw data). */
export const businessKey = (type: string, data: unknown): string | undefined => {
  const name = businessIdField(type)
  if (name === undefined) return undefined
  const unitId = field(data, 'unitId')
  const value = field(data, name)
  return unitId === undefined || value === undefined ? undefined : [type, unitId, value].join(SEPARATOR)
}

/** Whether events of this type stop their target from counting (a retraction, a return). */
export const isUndoType = (type: string): boolean => isEventType(type) && CATALOG[type].scope === 'correction'

/** The key under which the store finds the corrections aimed at an event. */
export const undoKey = (targetId: string): string => [UNDO, targetId].join(SEPARATOR)

/** Every key the store indexes an event under: its business key, and for a correction the undo key of its target. */
export const indexKeys = (type: string, data: unknown): ReadonlyArray<string> => {
  const keys: string[] = []
  const key = businessKey(type, data)
  if (key !== undefined) keys.push(key)
  const target = isUndoType(type) ? field(data, 'targetEventId') : undefined
  if (target !== undefined) keys.push(undoKey(target))
  return keys
}

/** The parts of a business key, for a message. */
export const keyParts = (
  key: string
): { readonly type: string; readonly unitId: string; readonly value: string } => {
  const [type = '', unitId = '', ...rest] = key.split(SEPARATOR)
  return { type, unitId, value: rest.join(SEPARATOR) }
}
