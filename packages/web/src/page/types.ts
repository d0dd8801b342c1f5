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
  readonly period: { readonly from: string; readonly to: string }
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

/** `GET /v1/review`: unit facts with their review state. */
export interface ReviewItem {
  readonly status: 'pending' | 'verified' | 'returned'
  readonly event: {
    readonly id: string
    readonly type: string
    readonly label: string
    readonly unitId: string
    readonly occurredOn: string
    readonly data: Record<string, unknown>
    readonly stream: string
    readonly position: string
    readonly recordedAt: string
    readonly actor: string
  }
  readonly review: {
    readonly event: string
    readonly recordedAt: string
    readonly actor: string
    readonly note?: string
    readonly reason?: string
  } | null
}
export interface ReviewPage {
  readonly page: number
  readonly pageSize: number
  readonly total: number
  readonly counts: Readonly<Record<'pending' | 'verified' | 'returned', number>>
  readonly items: ReadonlyArray<ReviewItem>
}

/** `GET /v1/schemes/{id}/publications`. */
export interface Publication {
  readonly n: number
  readonly schemeId: string
  readonly version: number
  readonly stage: 'preliminary' | 'final'
  readonly asOf: string
  readonly position: string
  readonly sha256: string
  readonly appealUntil?: string
  readonly docNumber?: string
  readonly recordedAt: string
  readonly actor: string
  readonly href: string
}

/** `GET /v1/schemes/{id}/appeals`. */
export interface Appeal {
  readonly unitId: string
  readonly appealId: string
  readonly indicatorId: string | null
  readonly reason: string
  readonly status: 'pending' | 'upheld' | 'partially_upheld' | 'rejected'
  readonly filed: { readonly event: string; readonly occurredOn: string; readonly recordedAt: string | null }
  readonly decision: {
    readonly decision: string
    readonly reason: string
    readonly occurredOn: string
    readonly recordedAt: string | null
  } | null
  readonly adjustment: string | null
}

export interface UnitRow {
  readonly unitId: string
  readonly name: string
  readonly kind: string
}

export const STAGE_LABELS = { preliminary: '初评公示', final: '最终结果' } as const
export const APPEAL_STATUS = {
  pending: '待复核',
  upheld: '支持',
  partially_upheld: '部分支持',
  rejected: '驳回',
} as const
export const REVIEW_STATUS = { pending: '待审核', verified: '已核实', returned: '已退回' } as const
