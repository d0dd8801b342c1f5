/** @module Schemes as the page reads them: titles, indicator names and texts (依据 / 评分标准 / 主要资料), kept per version. */
import { getJson, query } from './client'
import type { SchemeSummary } from './types'

export interface IndicatorText {
  readonly id: string
  readonly name: string
  readonly max: number
  readonly scoring: { readonly kind: string }
  readonly basis?: string
  readonly criteria?: string
  readonly evidence?: string
}
export interface SchemeDoc {
  readonly schemeId: string
  readonly version: number
  readonly title: string
  readonly appliesTo: string
  readonly period: { readonly from: string; readonly to: string }
  readonly categories: ReadonlyArray<{
    readonly id: string
    readonly name: string
    readonly max: number
    readonly indicators: ReadonlyArray<IndicatorText>
  }>
  readonly bonus?: { readonly max: number; readonly indicators: ReadonlyArray<IndicatorText> }
  readonly rules?: ReadonlyArray<{ readonly id: string; readonly name: string; readonly kind: string }>
}

let list: Promise<ReadonlyArray<SchemeSummary>> | undefined
export const loadSchemes = (): Promise<ReadonlyArray<SchemeSummary>> => {
  list ??= getJson<{ schemes: SchemeSummary[] }>('/v1/schemes').then((r) => r.schemes)
  list.catch(() => {
    list = undefined
  })
  return list
}

const docs = new Map<string, Promise<SchemeDoc>>()
export const loadScheme = async (schemeId: string, wanted?: number): Promise<SchemeDoc> => {
  // Always by number: `GET /v1/schemes/{id}` without a version answers the scheme stream's last event, which is a
  // publication (ResultPublished, without the scheme) once the cycle has begun.
  const version = wanted ?? (await loadSchemes()).find((s) => s.schemeId === schemeId)?.versions.at(-1)
  const key = `${schemeId}@${version ?? ''}`
  let p = docs.get(key)
  if (!p) {
    p = getJson<{ scheme: SchemeDoc }>(
      `/v1/schemes/${encodeURIComponent(schemeId)}${query({ version: version?.toString() })}`
    ).then((r) => r.scheme)
    p.catch(() => docs.delete(key))
    docs.set(key, p)
  }
  return p
}

/** The scheme a unit of this kind is scored under (the first that applies to it). */
export const schemeFor = async (kind: string | undefined, wanted?: string | null) => {
  const all = await loadSchemes()
  return (
    all.find((s) => s.schemeId === wanted) ??
    all.find((s) => s.appliesTo === kind) ??
    all.find((s) => s.appliesTo === 'district') ??
    all[0]
  )
}

export const allIndicators = (s: SchemeDoc): IndicatorText[] => [
  ...s.categories.flatMap((c) => c.indicators),
  ...(s.bonus?.indicators ?? []),
]

export const namesOf = (s: SchemeDoc) =>
  new Map<string, string>([
    ...s.categories.map((c) => [c.id, c.name] as const),
    ...allIndicators(s).map((i) => [i.id, i.name] as const),
  ])

export const indicatorTitle = (s: SchemeDoc, id: string | null) =>
  id === null ? '整体结果' : `${id} ${namesOf(s).get(id) ?? ''}`.trim()
