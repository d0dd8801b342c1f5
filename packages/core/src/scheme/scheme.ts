/** @module The assessment scheme (考核办法/评分细则) as data: shape only; meaning is checked in validate.ts. */
import * as t from 'io-ts'
import { byTag } from '../codec/one-of-keys'
import { plainRecord } from '../codec/plain-record'
import { strict } from '../codec/strict'
import { UnitKind } from '../events/registry'
import { NonEmptyString, Slug, UnitId } from '../primitives/ids'
import { IsoDate } from '../primitives/iso-date'
import { Finite, NonNegativeNumber } from '../primitives/numbers'
import { Metric, MetricRef } from './metric'
import { PositiveNumber, Scoring } from './scoring-spec'

export const WhenUndefined = t.keyof({ full: null, zero: null, exclude: null })
export type WhenUndefined = t.TypeOf<typeof WhenUndefined>

/**
 * `metric` is required except for `judged` indicators, whose points the 考核组 records (IndicatorJudged).
 * `basis` (依据), `criteria` (评分标准) and `evidence` (主要资料) are texts shown wherever the indicator is.
 */
export const Indicator = strict(
  { id: Slug, name: NonEmptyString, max: NonNegativeNumber, scoring: Scoring },
  {
    metric: MetricRef,
    whenUndefined: WhenUndefined,
    units: t.array(UnitId),
    basis: NonEmptyString,
    criteria: NonEmptyString,
    evidence: NonEmptyString,
  },
  'Indicator'
)
export type Indicator = t.TypeOf<typeof Indicator>

export const Category = strict(
  { id: Slug, name: NonEmptyString, max: PositiveNumber, indicators: t.array(Indicator) },
  {},
  'Category'
)
export type Category = t.TypeOf<typeof Category>

export const BonusBlock = strict({ max: NonNegativeNumber, indicators: t.array(Indicator) }, {}, 'Bonus')
export type BonusBlock = t.TypeOf<typeof BonusBlock>

const Condition = strict(
  { metric: MetricRef },
  { gte: Finite, lte: Finite, gt: Finite, lt: Finite, eq: Finite },
  'When'
)

const ruleBase = { id: Slug, name: NonEmptyString, when: Condition }
export const Rule = byTag<Rule>('Rule', 'kind', {
  veto: strict({ ...ruleBase, kind: t.literal('veto') }, {}, 'veto'),
  zero: strict({ ...ruleBase, kind: t.literal('zero') }, { scope: Slug }, 'zero'),
  gradeCap: strict({ ...ruleBase, kind: t.literal('gradeCap'), maxGrade: NonEmptyString }, {}, 'gradeCap'),
})
export type Rule =
  | (RuleBase & { readonly kind: 'veto' })
  | (RuleBase & { readonly kind: 'zero'; readonly scope?: string })
  | (RuleBase & { readonly kind: 'gradeCap'; readonly maxGrade: string })
interface RuleBase {
  readonly id: string
  readonly name: string
  readonly when: {
    readonly metric: MetricRef
    readonly gte?: number
    readonly lte?: number
    readonly gt?: number
    readonly lt?: number
    readonly eq?: number
  }
}

export const Grade = strict({ name: NonEmptyString, min: NonNegativeNumber }, {}, 'Grade')
export type Grade = t.TypeOf<typeof Grade>

export const Scheme = strict(
  {
    schemeId: Slug,
    version: t.Int,
    title: NonEmptyString,
    appliesTo: UnitKind,
    period: strict({ from: IsoDate, to: IsoDate }, {}, 'Period'),
    categories: t.array(Category),
    grades: t.array(Grade),
  },
  {
    units: t.array(UnitId),
    // Not `t.record` (codec/plain-record.ts says why).
    metrics: plainRecord(Metric, 'Metrics'),
    bonus: BonusBlock,
    rules: t.array(Rule),
    /** Unit-authority facts count only once the 考核组 verified them (SPEC §3 "Verification"). */
    countOnlyVerified: t.boolean,
  },
  'Scheme'
)
export type Scheme = t.TypeOf<typeof Scheme>
