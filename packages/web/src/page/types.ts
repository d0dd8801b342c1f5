/** @module The shapes the page reads (SPEC §4 Result and the API's answers). */
export interface Indicator {
  readonly id: string
  readonly value: string | boolean | null
  readonly points: string | null
  readonly max: string
  readonly explanation: string
  readonly events: ReadonlyArray<string>
}
export interface Category {
  readonly id: string
  readonly points: string | null
  readonly max: string
  readonly indicators: ReadonlyArray<Indicator>
}
export interface UnitEntry {
  readonly unitId: string
  readonly name: string
  readonly rank: number
  readonly total: string
  readonly grade: string
  readonly vetoed: boolean
  readonly zeroed: boolean
  readonly rulesFired: ReadonlyArray<{
    readonly id: string
    readonly kind: string
    readonly events: ReadonlyArray<string>
  }>
  readonly categories: ReadonlyArray<Category>
  readonly bonus: {
    readonly points: string
    readonly max: string
    readonly indicators: ReadonlyArray<Indicator>
  } | null
}
export interface Result {
  readonly schemeId: string
  readonly version: number
  readonly asOf: string
  readonly basis: string
  readonly units: ReadonlyArray<UnitEntry>
}
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
export interface Diff {
  readonly from: string
  readonly to: string
  readonly units: ReadonlyArray<{
    readonly unitId: string
    readonly name: string
    readonly total: {
      readonly from: string | null
      readonly to: string
      readonly rankFrom: number | null
      readonly rankTo: number
    }
    readonly indicators: ReadonlyArray<{
      readonly indicatorId: string
      readonly from: string | null
      readonly to: string | null
      readonly delta: string | null
      readonly added: ReadonlyArray<string>
      readonly removed: ReadonlyArray<string>
    }>
  }>
}
