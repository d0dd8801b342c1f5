/** @module The Result (SPEC §4 "Result"): the same JSON from the CLI, the projections and the API. */

export type Basis = 'recorded' | 'occurred'

/**
 * - `scored`: points are final;
 * - `pending`: a deadline not yet due at asOf, without its event (未到期), excluded with rescaling;
 * - `excluded`: undefined value with `whenUndefined: exclude`;
 * - `notApplicable`: a 个性 indicator of other units.
 */
export type IndicatorStatus = 'scored' | 'pending' | 'excluded' | 'notApplicable'

/** Adjustments (PointsAdjusted, AppealDecided.points) that acted on one indicator. */
export interface IndicatorAdjusted {
  /** The indicator's points after them, within [0, max]. */
  readonly points: string
  /** What they changed (their sum as bounded). */
  readonly change: string
  readonly events: ReadonlyArray<string>
}

export interface IndicatorResult {
  readonly id: string
  readonly status: IndicatorStatus
  /** 2 decimals; ratios 4; dates ISO; booleans as is; null when undefined or not applicable. */
  readonly value: string | boolean | null
  /** null when the indicator is excluded, pending or does not apply to the unit. */
  readonly points: string | null
  readonly max: string
  readonly explanation: string
  readonly events: ReadonlyArray<string>
  /** What counts against it: case ids for case metrics, event ids otherwise, in log order. */
  readonly exceptions: ReadonlyArray<string>
  /** null when no adjustment acted on it. */
  readonly adjusted: IndicatorAdjusted | null
}

export interface CategoryResult {
  readonly id: string
  /** null when no indicator of the category applies (the category is excluded and the others rescaled). */
  readonly points: string | null
  /** The category's maximum after rescaling. */
  readonly max: string
  readonly indicators: ReadonlyArray<IndicatorResult>
}

export type RuleKind = 'veto' | 'zero' | 'gradeCap'

export interface RuleFired {
  readonly id: string
  readonly kind: RuleKind
  /** The rule's name in the scheme (its Chinese wording). */
  readonly name: string
  /** The metric value that fired it (serialized like an indicator value). */
  readonly value: string | boolean | null
  readonly explanation: string
  readonly events: ReadonlyArray<string>
}

/** Every rule of the scheme, fired or not (未触发), in the order they apply. */
export interface RuleResult {
  readonly id: string
  readonly kind: RuleKind
  readonly name: string
  readonly fired: boolean
  readonly value: string | boolean | null
  readonly explanation: string
}

export interface BonusResult {
  readonly points: string
  readonly max: string
  readonly indicators: ReadonlyArray<IndicatorResult>
}

export interface AdjustmentItem {
  readonly event: string
  readonly indicatorId: string
  /** As requested. */
  readonly points: string
  /** What it changed: bounded so the indicator stays within [0, max] (0 for an id naming nothing). */
  readonly applied: string
  readonly reason: string
  readonly approvedBy: string
  readonly source: 'PointsAdjusted' | 'AppealDecided'
  /** For an appeal's points. */
  readonly appealId?: string
  /** Why `applied` differs from `points`. */
  readonly note?: string
}

export interface AdjustmentsResult {
  /** The sum of what the adjustments changed (`applied`). */
  readonly points: string
  readonly items: ReadonlyArray<AdjustmentItem>
}

export interface SelfAssessedResult {
  readonly event: string
  /** Σ points of the items. */
  readonly total: string
  readonly items: ReadonlyArray<{
    readonly indicatorId: string
    readonly points: string
    readonly note?: string
  }>
}

export interface AppealResult {
  readonly appealId: string
  /** null: against the whole result. */
  readonly indicatorId: string | null
  readonly state: 'filed' | 'decided'
  readonly decision: 'upheld' | 'partially_upheld' | 'rejected' | null
  readonly points: string | null
  readonly filed: string
  readonly decided: string | null
}

export interface UnitResult {
  readonly unitId: string
  readonly name: string
  readonly rank: number
  readonly total: string
  readonly grade: string
  readonly vetoed: boolean
  readonly zeroed: boolean
  /** No fact the unit reported counts in the period (本期无填报记录). */
  readonly noFacts: boolean
  readonly rulesFired: ReadonlyArray<RuleFired>
  readonly rules: ReadonlyArray<RuleResult>
  readonly categories: ReadonlyArray<CategoryResult>
  readonly bonus: BonusResult | null
  readonly adjustments: AdjustmentsResult
  /** The unit's latest self-assessment for this scheme (自评分), or null. */
  readonly selfAssessed: SelfAssessedResult | null
  /** Its appeals for this scheme, in filing order. */
  readonly appeals: ReadonlyArray<AppealResult>
}

export interface Result {
  readonly schemeId: string
  readonly version: number
  /** An ISO instant (basis recorded) or an ISO date (basis occurred). */
  readonly asOf: string
  readonly basis: Basis
  readonly units: ReadonlyArray<UnitResult>
}
