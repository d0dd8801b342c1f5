/** @module The Result (SPEC §4 "Result"): the same JSON from the CLI, the projections and the API. */

export type Basis = 'recorded' | 'occurred'

export interface IndicatorResult {
  readonly id: string
  /** 2 decimals; ratios 4; dates ISO; booleans as is; null when undefined or not applicable. */
  readonly value: string | boolean | null
  /** null when the indicator is excluded or does not apply to the unit. */
  readonly points: string | null
  readonly max: string
  readonly explanation: string
  readonly events: ReadonlyArray<string>
}

export interface CategoryResult {
  readonly id: string
  /** null when no indicator of the category applies (the category is excluded and the others rescaled). */
  readonly points: string | null
  /** The category's maximum after rescaling. */
  readonly max: string
  readonly indicators: ReadonlyArray<IndicatorResult>
}

export interface RuleFired {
  readonly id: string
  readonly kind: 'veto' | 'zero' | 'gradeCap'
  readonly events: ReadonlyArray<string>
}

export interface BonusResult {
  readonly points: string
  readonly max: string
  readonly indicators: ReadonlyArray<IndicatorResult>
}

export interface AdjustmentItem {
  readonly event: string
  readonly indicatorId: string
  readonly points: string
  readonly reason: string
  readonly approvedBy: string
}

export interface AdjustmentsResult {
  readonly points: string
  readonly items: ReadonlyArray<AdjustmentItem>
}

export interface UnitResult {
  readonly unitId: string
  readonly name: string
  readonly rank: number
  readonly total: string
  readonly grade: string
  readonly vetoed: boolean
  readonly zeroed: boolean
  readonly rulesFired: ReadonlyArray<RuleFired>
  readonly categories: ReadonlyArray<CategoryResult>
  readonly bonus: BonusResult | null
  readonly adjustments: AdjustmentsResult
}

export interface Result {
  readonly schemeId: string
  readonly version: number
  /** An ISO instant (basis recorded) or an ISO date (basis occurred). */
  readonly asOf: string
  readonly basis: Basis
  readonly units: ReadonlyArray<UnitResult>
}
