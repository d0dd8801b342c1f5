/** @module The shapes the page reads (SPEC §4 Result and the API's answers). */
// The Result is core's (type-only: erased from the browser bundle).
export type {
  CategoryResult as Category,
  IndicatorResult as Indicator,
  Result,
  UnitResult as UnitEntry,
} from '@kaoping/core'
export type { Diff } from '@kaoping/projections'

import type { UnitResult as UnitEntry } from '@kaoping/core'

export interface SchemeSummary {
  readonly schemeId: string
  readonly title: string
  readonly appliesTo: string
  readonly versions: ReadonlyArray<number>
}
export interface StoredEvent {
  readonly id: string
  readonly type: string
  readonly data: Record<string, unknown>
  readonly recordedAt: string
  readonly actor: string
  readonly position: string
}
export interface UnitBreakdown {
  readonly schemeId: string
  readonly version: number
  readonly asOf: string
  readonly basis: string
  readonly unit: UnitEntry
  readonly events: {
    readonly page: number
    readonly pageSize: number
    readonly total: number
    readonly items: ReadonlyArray<StoredEvent>
  }
}
