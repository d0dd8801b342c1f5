/** @module The assessment scheme (考核办法/评分细则) as data: shape only; meaning is checked in validate.ts. */
import * as t from 'io-ts'
import { byTag, oneOfKeys } from '../codec/one-of-keys'
import { plainRecord } from '../codec/plain-record'
import { strict } from '../codec/strict'
import { UnitKind } from '../events/registry'
import type { Limit } from '../primitives/calendar'
import { NonEmptyString, Slug, UnitId } from '../primitives/ids'
import { IsoDate } from '../primitives/iso-date'
import { Finite, LimitDays, NonNegativeInt, NonNegativeNumber } from '../primitives/numbers'
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
/**
 * A grade cap's `fire`: it also holds when its metric has no value ("合格率低于85%的，不得评为优秀" cannot be escaped
 * by sitting no exam, or by retracting the one failed); absent: it does not. Not for veto or zero: a unit that
 * reported nothing would be vetoed or zeroed for its silence.
 */
const RuleWhenUndefined = t.keyof({ fire: null })
export const Rule = byTag<Rule>('Rule', 'kind', {
  veto: strict({ ...ruleBase, kind: t.literal('veto') }, {}, 'veto'),
  zero: strict({ ...ruleBase, kind: t.literal('zero') }, { scope: Slug }, 'zero'),
  gradeCap: strict(
    { ...ruleBase, kind: t.literal('gradeCap'), maxGrade: NonEmptyString },
    { whenUndefined: RuleWhenUndefined },
    'gradeCap'
  ),
})
export type Rule =
  | (RuleBase & { readonly kind: 'veto' })
  | (RuleBase & { readonly kind: 'zero'; readonly scope?: string })
  | (RuleBase & { readonly kind: 'gradeCap'; readonly maxGrade: string; readonly whenUndefined?: 'fire' })
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

/** A limit counts calendar days (`days`, 工伤认定 60日) or working days (`workingDays`, 劳动保障监察 60个工作日). */
/**
 * `extension`: how much approved extensions may add in all, counted like the limit (劳动保障监察 30 个工作日,
 * 仲裁 15 日); absent, none counts — an extension is the unit's own report, so the law's maximum bounds it.
 */
export type TimeLimit = Limit & { readonly extension?: number }
const limitIn = (key: 'days' | 'workingDays') =>
  [
    key,
    strict({ [key]: LimitDays }, { extension: LimitDays }, key) as unknown as t.Type<
      TimeLimit,
      unknown,
      unknown
    >,
  ] as const
export const TimeLimit = oneOfKeys<TimeLimit>(
  'TimeLimit',
  [limitIn('days'), limitIn('workingDays')],
  '期限：{"days": 天数} 或 {"workingDays": 工作日数}（1 至 3650）'
)

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
    /** How the engine reads facts for this scheme (`Semantics`); absent: 1. */
    semantics: t.union([t.literal(1), t.literal(2)]),
    /**
     * Each case kind's statutory time limit (法定办理期限), from the day it was opened: what a case's `dueOn`,
     * `closedOnTime` and `overdue` read (cases/time-limit.ts). Needs `calendar`.
     */
    timeLimits: plainRecord(TimeLimit, 'TimeLimits'),
    /**
     * How many days after a case's last day a closing or extension dated by it may still be entered and count as in
     * time without the 考核组's verification (cases/time-limit.ts); absent: 10.
     */
    entryDays: NonNegativeInt,
    /** The State Council's holiday arrangement (放假与调休) for the years the period's cases run in. */
    calendar: strict({ holidays: t.array(IsoDate), workdays: t.array(IsoDate) }, {}, 'Calendar'),
  },
  'Scheme'
)
export type Scheme = t.TypeOf<typeof Scheme>

/**
 * How the engine reads facts: a scheme published (and perhaps scored and sealed) under one reading keeps it, so a
 * later release that reads facts better never changes a published result (docs/scheme-language.md "semantics").
 * - 1 (absent): as the engine read them until December 2026.
 * - 2: a higher instance's 维持/驳回 keeps the case's outcome and decision date below (a loss upheld on appeal is a
 *   loss, once); a case's dates are the ones its facts count on; a quarter is filled by when the work was done; an
 *   indicator's adjustments are bounded once, on their sum, so their order does not matter.
 */
export type Semantics = 1 | 2

export const semanticsOf = (scheme: { readonly semantics?: Semantics | undefined }): Semantics =>
  scheme.semantics ?? 1
