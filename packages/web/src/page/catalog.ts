/**
 * @module The event catalog as the page reads it (`GET /v1/catalog`): each type's label and roles, each field's
 * Chinese label, input kind and vocabulary — the forms are generated from it, and every stored event is shown in
 * words with it (never a field code or a vocabulary code).
 */
import { getJson } from './client'
import { beijing } from './time'

export type FieldInput = 'text' | 'int' | 'number' | 'date' | 'boolean' | 'choice' | 'evidence' | 'list'
export interface CatalogField {
  readonly field: string
  readonly label: string
  readonly required: boolean
  readonly input: FieldInput
  /** A closed vocabulary's values, or an open one's known values (`open`: another slug may be typed). */
  readonly choices?: ReadonlyArray<{ readonly code: string; readonly label: string }>
  readonly open?: true
}
export interface CatalogType {
  readonly type: string
  readonly label: string
  readonly authority: 'unit' | 'review' | 'city' | 'target'
  readonly roles: ReadonlyArray<string>
  readonly businessId?: string
  readonly fields: ReadonlyArray<CatalogField>
}
export interface Catalog {
  readonly types: ReadonlyArray<CatalogType>
  readonly fieldLabels: Readonly<Record<string, string>>
}

let loaded: Promise<Catalog> | undefined
export const loadCatalog = (): Promise<Catalog> => {
  loaded ??= getJson<Catalog>('/v1/catalog').catch((e) => {
    loaded = undefined
    throw e
  })
  return loaded
}

export const typeOf = (c: Catalog, type: string) => c.types.find((t) => t.type === type)

/** Each event type's Chinese label, as the catalog declares it (one place; the page never repeats it). */
export const labelOf = (c: Catalog, type: string) => typeOf(c, type)?.label ?? type

/**
 * Fields a summary leaves out: the unit (the page says whose facts they are), ids that mean nothing to a person,
 * and the scheme's code (the view names the scheme by its title).
 */
const HIDDEN = new Set(['unitId', 'targetEventId', 'digests', 'items', 'scheme', 'schemeId'])

export const valueText = (field: CatalogField | undefined, v: unknown): string => {
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (v === null || v === undefined) return '—'
  if (field?.input === 'evidence' && Array.isArray(v))
    return (v as Array<{ name: string }>).map((e) => e.name).join('、')
  if (typeof v === 'string') {
    const choice = field?.choices?.find((c) => c.code === v)
    if (choice) return choice.label
    if (/^\d{4}-\d{2}-\d{2}T/.test(v)) return beijing(v)
    return v
  }
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

/** A stored event's data in words: `发生日期 2017-01-03，案件编号 …，类别 劳动保障监察`. */
export const describe = (c: Catalog, type: string, data: Record<string, unknown>): string => {
  const t = typeOf(c, type)
  return Object.entries(data)
    .filter(([k]) => !HIDDEN.has(k))
    .flatMap(([k, v]) => {
      const f = t?.fields.find((x) => x.field === k)
      const label = f?.label ?? c.fieldLabels[k]
      // A field without a Chinese label is left out rather than shown by its code.
      return label === undefined ? [] : [`${label} ${valueText(f, v)}`]
    })
    .join('，')
}

/** `利州区填报员 (reporter@lizhou)` → `利州区填报员`: the stored actor's name, without the role code. */
export const actorName = (actor: string): string =>
  actor.replace(/\s*\((admin|reporter|reviewer|auditor)(@[a-z0-9-]+)?\)$/, '')
