/**
 * @module What a publication's hash covers (SPEC §8, see docs/assessment-cycle.md "What the hash covers").
 *
 * A Result holds two kinds of thing: what the recorded facts and the scheme decide — values, points, statuses,
 * grades, ranks, which rules fired, the events and exceptions behind each figure — and the engine's prose about
 * them (an indicator's or a rule's `explanation`, an adjustment's `note`). A seal over the prose would tie every
 * publication to the wording of the release that published it: a later release that words one explanation better
 * would make `verify` report 不一致 for every earlier publication though no fact and no point changed. So a
 * publication sealed in the `substance` form hashes the Result without that prose; one recorded before the form
 * existed (no `seal` field) hashes the whole Result, as it was published.
 *
 * The prose also quoted facts no figure shows (a 考核组 judgement's reason and date, the people counts behind a
 * pass rate). So that none of the log's own words go unsealed with it, each indicator and each fired rule carries
 * `facts` in this form: the SHA-256 of the canonical JSON of each event it names, `[id, type, data]`, one per line,
 * in its order. An edit of any fact behind a figure changes the hash and names the indicator, whether or not it
 * moves the figure.
 */
import { createHash } from 'node:crypto'
import { canonicalJson } from '../primitives/canonical-json'
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

/** An event as the seal reads it; undefined for an id the log does not hold. */
export type FactsOf = (eventId: string) => { readonly type: string; readonly data: unknown } | undefined

/** Without the engine's words, with a digest of the facts the figure names. */
type WithFacts<T> = Omit<T, 'explanation'> & { readonly facts: string }

export interface SubstanceUnit
  extends Omit<UnitResult, 'rulesFired' | 'rules' | 'categories' | 'bonus' | 'adjustments'> {
  readonly rulesFired: ReadonlyArray<WithFacts<RuleFired>>
  readonly rules: ReadonlyArray<Omit<RuleResult, 'explanation'>>
  readonly categories: ReadonlyArray<
    Omit<UnitResult['categories'][number], 'indicators'> & {
      readonly indicators: ReadonlyArray<WithFacts<IndicatorResult>>
    }
  >
  readonly bonus:
    | (Omit<NonNullable<UnitResult['bonus']>, 'indicators'> & {
        readonly indicators: ReadonlyArray<WithFacts<IndicatorResult>>
      })
    | null
  readonly adjustments: Omit<UnitResult['adjustments'], 'items'> & {
    readonly items: ReadonlyArray<Omit<AdjustmentItem, 'note'>>
  }
}

export interface Substance extends Omit<Result, 'units'> {
  readonly units: ReadonlyArray<SubstanceUnit>
}

/**
 * The digest of the events a figure names: the SHA-256 of their canonical JSON `[id, type, data]` (`[id, null]`
 * for an id the log does not hold), one per line (each followed by a line feed), in the figure's order.
 */
export const factsDigest = (ids: ReadonlyArray<string>, factsOf: FactsOf): string => {
  const hash = createHash('sha256')
  for (const id of ids) {
    const e = factsOf(id)
    hash.update(canonicalJson(e === undefined ? [id, null] : [id, e.type, e.data]), 'utf8')
    hash.update('\n', 'utf8')
  }
  return hash.digest('hex')
}

/** The Result as the `substance` seal hashes it: every field but the engine's prose, each figure's facts digested. */
export const substanceOf = (result: Result, factsOf: FactsOf): Substance => {
  const sealed = <T extends { readonly explanation: string; readonly events: ReadonlyArray<string> }>({
    explanation: _,
    ...rest
  }: T): WithFacts<T> => ({ ...rest, facts: factsDigest(rest.events, factsOf) })
  const indicatorsOf = <B extends { readonly indicators: ReadonlyArray<IndicatorResult> }>(block: B) => ({
    ...block,
    indicators: block.indicators.map(sealed),
  })
  return {
    ...result,
    units: result.units.map((u) => ({
      ...u,
      rulesFired: u.rulesFired.map(sealed),
      rules: u.rules.map(({ explanation: _, ...rule }) => rule),
      categories: u.categories.map(indicatorsOf),
      bonus: u.bonus === null ? null : indicatorsOf(u.bonus),
      adjustments: { ...u.adjustments, items: u.adjustments.items.map(({ note: _, ...item }) => item) },
    })),
  }
}

/** What a seal form hashes. */
export const sealedValue = (result: Result, form: SealForm, factsOf: FactsOf): Result | Substance =>
  form === 'whole' ? result : substanceOf(result, factsOf)
