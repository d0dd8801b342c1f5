/**
 * @module `GET /v1/catalog`: what the web page needs to generate a form per event type — each type's Chinese label,
 * authority and roles, and each data field with its Chinese label, whether it is required, the kind of input it takes
 * and, for a closed vocabulary, its codes with their Chinese names. Derived from the catalog codecs and the
 * spreadsheet layout's field ↔ Chinese map (the same names the import template uses), so the page, the template and
 * the validating codecs cannot disagree. Every role may read it (it says nothing about any unit).
 */
import { CATALOG, EVENT_TYPES, type EventType, rolesFor } from '@kaoping/core'
import { LAYOUTS, OPEN_VOCABULARIES, VOCABULARY_LABELS } from '@kaoping/sheets'
import { Hono } from 'hono'
import type * as t from 'io-ts'
import { allow } from '../auth/guard'
import type { AppEnv } from '../http/env'

export type FieldInput = 'text' | 'int' | 'number' | 'date' | 'boolean' | 'choice' | 'evidence' | 'list'

export interface CatalogField {
  readonly field: string
  readonly label: string
  readonly required: boolean
  readonly input: FieldInput
  /**
   * Code → Chinese name, in the vocabulary's order: the only values of a closed vocabulary (`input: choice`), or
   * the known values of an open one (`input: text`, `open: true` — another slug may be typed).
   */
  readonly choices?: ReadonlyArray<{ readonly code: string; readonly label: string }>
  readonly open?: true
}

/** Fields the spreadsheet layout does not carry (lists, scheme-stream documents, the cycle's own words). */
const MORE_LABELS: Readonly<Record<string, string>> = {
  items: '自评条目',
  stage: '阶段',
  asOf: '截至',
  position: '日志位置',
  sha256: '校验值',
  appealUntil: '申诉截止日期',
  version: '版本',
  scheme: '考核办法',
  digests: '摘要',
  seal: '哈希范围',
  decision: '复核决定',
  points: '分值',
}

const NUMBER = new Set(['NonNegativeNumber', 'Score100', 'FiniteNumber', 'number'])
const INT = new Set(['NonNegativeInt', 'Int'])

const tagOf = (c: t.Mixed) => (c as { _tag?: string })._tag
const inputOf = (field: string, c: t.Mixed): FieldInput => {
  if (field === 'evidence') return 'evidence'
  const tag = tagOf(c)
  const inner = tagOf((c as { type?: t.Mixed }).type ?? c)
  if (tag === 'KeyofType') return 'choice'
  if (tag === 'ArrayType' || (tag === 'RefinementType' && inner === 'ArrayType')) return 'list'
  if (c.name === 'boolean') return 'boolean'
  if (c.name === 'IsoDate') return 'date'
  if (INT.has(c.name)) return 'int'
  if (NUMBER.has(c.name)) return 'number'
  return 'text'
}

const FIELD_LABELS: Readonly<Record<string, string>> = {
  ...MORE_LABELS,
  ...Object.fromEntries(
    LAYOUTS.flatMap((l) => l.columns.map((c) => [c.field, c.header.replace(/\*$/, '')] as const))
  ),
}
const layoutLabels = (type: EventType, field: string) =>
  LAYOUTS.find((l) => l.type === type)?.columns.find((c) => c.field === field)?.labels

const fieldsOf = (type: EventType): CatalogField[] => {
  const { required, optional } = CATALOG[type].codec.shape
  const one = (field: string, codec: t.Mixed, req: boolean): CatalogField => {
    const input = inputOf(field, codec)
    const labels = layoutLabels(type, field) ?? VOCABULARY_LABELS[`${type}.${field}`]
    const codes = input === 'choice' ? Object.keys((codec as unknown as t.KeyofC<t.Props>).keys) : []
    const open = OPEN_VOCABULARIES.includes(`${type}.${field}`)
    return {
      field,
      label: FIELD_LABELS[field] ?? field,
      required: req,
      input,
      ...(input === 'choice'
        ? { choices: codes.map((code) => ({ code, label: labels?.[code] ?? code })) }
        : {}),
      ...(open
        ? {
            choices: Object.entries(VOCABULARY_LABELS[`${type}.${field}`] ?? {}).map(([code, label]) => ({
              code,
              label,
            })),
            open: true as const,
          }
        : {}),
    }
  }
  return [
    ...Object.entries(required).map(([f, c]) => one(f, c as t.Mixed, true)),
    ...Object.entries(optional).map(([f, c]) => one(f, c as t.Mixed, false)),
  ]
}

export const catalogDocument = () => ({
  types: EVENT_TYPES.map((type) => ({
    type,
    label: CATALOG[type].label,
    authority: CATALOG[type].authority,
    roles: rolesFor(type),
    ...((CATALOG[type] as { businessId?: string }).businessId
      ? { businessId: (CATALOG[type] as { businessId?: string }).businessId }
      : {}),
    fields: fieldsOf(type),
  })),
  fieldLabels: FIELD_LABELS,
})

export const catalogRoutes = () => {
  let doc: string | undefined
  return new Hono<AppEnv>().get('/v1/catalog', allow('admin', 'reviewer', 'auditor', 'reporter'), (c) => {
    doc ??= JSON.stringify(catalogDocument())
    return c.body(doc, 200, { 'Content-Type': 'application/json; charset=utf-8' })
  })
}
