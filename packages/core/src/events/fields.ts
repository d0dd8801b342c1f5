/** @module Which fields each event type has and of what kind, read off the codecs so schemes can be checked against them. */
import * as t from 'io-ts'
import { CASE_FOLLOW_UPS, CaseKind } from './case'
import { CATALOG, type EventType } from './catalog'

export type FieldKind =
  | { readonly kind: 'number'; readonly integer: boolean }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'date' }
  | { readonly kind: 'enum'; readonly values: ReadonlyArray<string> }
  | { readonly kind: 'string' }

const INTEGER = new Set(['NonNegativeInt', 'Int', 'Year', 'LimitDays'])
const NUMERIC = new Set([...INTEGER, 'NonNegativeNumber', 'Score100', 'FiniteNumber', 'number'])

export const kindOf = (codec: t.Mixed): FieldKind => {
  if (codec instanceof t.KeyofType) return { kind: 'enum', values: Object.keys(codec.keys) }
  if (codec.name === 'IsoDate') return { kind: 'date' }
  if (codec.name === 'boolean') return { kind: 'boolean' }
  if (NUMERIC.has(codec.name)) return { kind: 'number', integer: INTEGER.has(codec.name) }
  return { kind: 'string' }
}

/** Fields a where clause or aggregate may name on one event type, including the enriched `case.*`. */
export const fieldsOf = (type: EventType): ReadonlyMap<string, FieldKind> => {
  const { required, optional } = CATALOG[type].codec.shape
  const fields = new Map<string, FieldKind>()
  for (const [name, codec] of Object.entries({ ...required, ...optional })) fields.set(name, kindOf(codec))
  if ((CASE_FOLLOW_UPS as ReadonlyArray<string>).includes(type)) {
    fields.set('case.kind', kindOf(CaseKind))
    fields.set('case.subject', { kind: 'string' })
  }
  return fields
}
