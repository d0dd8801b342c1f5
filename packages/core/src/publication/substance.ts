/**
 * @module What a publication's hash covers (SPEC §8, see docs/assessment-cycle.md "What the hash covers").
 *
 * A Result holds two kinds of thing: what the recorded facts and the scheme decide — values, points, statuses,
 * grades, ranks, which rules fired, the events and exceptions behind each figure — and the engine's prose about
 * them (an indicator's or a rule's `explanation`, an adjustment's `note`), written from those same figures. A seal
 * over the prose would tie every publication to the wording of the release that published it: a later release
 * that words one explanation better would make `verify` report 不一致 for every earlier publication though no fact
 * and no point changed. So a publication sealed in the `substance` form hashes the Result without that prose; one
 * recorded before the form existed (no `seal` field) hashes the whole Result, as it was published.
 *
 * Only the engine's own words go: text that comes from the log (a unit's name, an adjustment's reason, a
 * self-assessment's note, a rule's name from the scheme) stays sealed.
 */
import type {
  AdjustmentItem,
  IndicatorResult,
  Result,
  RuleFired,
  RuleResult,
  UnitResult,
} from '../result/result'

/** `whole`: the canonical JSON of the full Result; `substance`: of the Result without the engine's prose. */
export type SealForm = 'whole' | 'substance'

/** The form new publications are sealed in. */
export const SEAL_FORM: SealForm = 'substance'

type Unworded<T> = Omit<T, 'explanation'>

export interface SubstanceUnit
  extends Omit<UnitResult, 'rulesFired' | 'rules' | 'categories' | 'bonus' | 'adjustments'> {
  readonly rulesFired: ReadonlyArray<Unworded<RuleFired>>
  readonly rules: ReadonlyArray<Unworded<RuleResult>>
  readonly categories: ReadonlyArray<
    Omit<UnitResult['categories'][number], 'indicators'> & {
      readonly indicators: ReadonlyArray<Unworded<IndicatorResult>>
    }
  >
  readonly bonus:
    | (Omit<NonNullable<UnitResult['bonus']>, 'indicators'> & {
        readonly indicators: ReadonlyArray<Unworded<IndicatorResult>>
      })
    | null
  readonly adjustments: Omit<UnitResult['adjustments'], 'items'> & {
    readonly items: ReadonlyArray<Omit<AdjustmentItem, 'note'>>
  }
}

export interface Substance extends Omit<Result, 'units'> {
  readonly units: ReadonlyArray<SubstanceUnit>
}

const unworded = <T extends { readonly explanation: string }>({ explanation: _, ...rest }: T): Unworded<T> =>
  rest

const indicatorsOf = <B extends { readonly indicators: ReadonlyArray<IndicatorResult> }>(block: B) => ({
  ...block,
  indicators: block.indicators.map(unworded),
})

/** The Result as the `substance` seal hashes it: every field but the engine's prose, in the same places. */
export const substanceOf = (result: Result): Substance => ({
  ...result,
  units: result.units.map((u) => ({
    ...u,
    rulesFired: u.rulesFired.map(unworded),
    rules: u.rules.map(unworded),
    categories: u.categories.map(indicatorsOf),
    bonus: u.bonus === null ? null : indicatorsOf(u.bonus),
    adjustments: { ...u.adjustments, items: u.adjustments.items.map(({ note: _, ...item }) => item) },
  })),
})

/** What a seal form hashes. */
export const sealedValue = (result: Result, form: SealForm): Result | Substance =>
  form === 'whole' ? result : substanceOf(result)
