/** @module The metric language of a scheme: what is counted, summed or compared (SPEC §4 "Metrics"). */
import * as t from 'io-ts'
import { withAlternatives } from '../codec/alternatives'
import { mapDecoded } from '../codec/map-decoded'
import { oneOfKeys } from '../codec/one-of-keys'
import { plainRecord } from '../codec/plain-record'
import { strict } from '../codec/strict'
import { NonEmptyString } from '../primitives/ids'
import { Finite } from '../primitives/numbers'

////////// where

export type Scalar = string | number | boolean
// Finite: JSON's 1e309 parses to Infinity, which would be stored as null and no longer decode.
const Scalar: t.Type<Scalar, unknown, unknown> = t.union(
  [t.string, Finite, t.boolean],
  '字符串、数字或布尔值'
)

export type Comparison = 'gte' | 'lte' | 'gt' | 'lt'
export const COMPARISONS: ReadonlyArray<Comparison> = ['gte', 'lte', 'gt', 'lt']

/** One field condition: equal to a value, one of a list, `{ne}`, `{notIn}`, or a numeric/date comparison. */
export type Condition =
  | { readonly eq: Scalar }
  | { readonly in: ReadonlyArray<Scalar> }
  | { readonly ne: Scalar }
  | { readonly notIn: ReadonlyArray<Scalar> }
  | { readonly cmp: Comparison; readonly to: number | string }

const ComparisonValue = t.union([Finite, t.string], '数字或日期')
const objectConditions: ReadonlyArray<readonly [string, t.Type<Condition, unknown, unknown>]> = [
  ['ne', mapDecoded(strict({ ne: Scalar }, {}, 'ne'), (v): Condition => ({ ne: v.ne }))],
  [
    'notIn',
    mapDecoded(strict({ notIn: t.array(Scalar) }, {}, 'notIn'), (v): Condition => ({ notIn: v.notIn })),
  ],
  ...COMPARISONS.map(
    (cmp) =>
      [
        cmp,
        mapDecoded(
          strict({ [cmp]: ComparisonValue } as Record<string, typeof ComparisonValue>, {}, cmp),
          (v): Condition => ({ cmp, to: v[cmp] as number | string })
        ),
      ] as const
  ),
]

const ObjectCondition = oneOfKeys(
  'Condition',
  objectConditions,
  '{ne}、{notIn}、{gte}、{lte}、{gt} 或 {lt} 之一'
)

const InList = mapDecoded(t.array(Scalar), (xs): Condition => ({ in: xs }))
const Equal = mapDecoded(Scalar, (v): Condition => ({ eq: v }))

export const Condition = withAlternatives(
  new t.Type<Condition, unknown, unknown>(
    'Condition',
    (_u): _u is Condition => true,
    (u, c) => {
      if (Array.isArray(u)) return InList.validate(u, c)
      if (typeof u === 'object' && u !== null) return ObjectCondition.validate(u, c)
      return Equal.validate(u, c)
    },
    (a) => a
  ),
  [InList, ObjectCondition, Equal]
)

export type Where = Readonly<Record<string, Condition>>
/** Not `t.record` (codec/plain-record.ts says why). */
export const Where: t.Type<Where, unknown, unknown> = plainRecord(Condition, 'Where')

////////// metrics

export type Aggregate = 'sum' | 'avg' | 'min' | 'max'
export const AGGREGATES: ReadonlyArray<Aggregate> = ['sum', 'avg', 'min', 'max']

/**
 * How `count: "cases"` puts a case in the period (SPEC §4 "Case metrics"); default `active`. `closedOrOverdue`: closed
 * in the period, or still open and past its time limit at the evaluation date (the cases a 按期结案率 must answer
 * for; needs the scheme's `timeLimits`).
 */
export type CaseBy = 'opened' | 'closed' | 'decided' | 'active' | 'closedOrOverdue'
const CaseByCodec = t.keyof(
  { active: null, opened: null, closed: null, decided: null, closedOrOverdue: null },
  'CaseBy'
)

/** `count` over this pseudo-type counts cases (folded from their streams) instead of events. */
export const CASES = 'cases'

export type Metric =
  | {
      readonly _tag: 'count'
      /** An event type, or `"cases"`. */
      readonly type: string
      readonly where?: Where
      readonly distinct?: string
      /** Only with `"cases"`. */
      readonly by?: CaseBy
      /** `quarter`: the number of the period's quarters with at least one matching event. */
      readonly per?: 'quarter'
    }
  | {
      readonly _tag: Aggregate | 'latest'
      readonly type: string
      readonly field: string
      readonly where?: Where
      /** `avg` only: each fact's value counts this field's number of times (a review of 10 files, 10 times). */
      readonly weight?: string
    }
  | { readonly _tag: 'earliest'; readonly type: string; readonly where?: Where }
  | { readonly _tag: 'ratio'; readonly of: readonly [MetricRef, MetricRef] }
  | { readonly _tag: 'change'; readonly of: MetricRef }

/** A metric written inline, or the name of one in the scheme's `metrics`. */
export type MetricRef = string | Metric

const withTag =
  <T extends Metric['_tag']>(tag: T) =>
  <A>(codec: t.Decoder<unknown, A>, f: (a: A) => Omit<Extract<Metric, { _tag: T }>, '_tag'>) =>
    [tag, mapDecoded(codec, (a: A) => ({ _tag: tag, ...f(a) }) as unknown as Metric)] as const

const opt = <K extends string, V>(k: K, v: V | undefined): { [P in K]?: V } =>
  (v === undefined ? {} : { [k]: v }) as { [P in K]?: V }

export const MetricRef: t.Type<MetricRef, unknown, unknown> = t.recursion('MetricRef', () =>
  withAlternatives(
    new t.Type<MetricRef, unknown, unknown>(
      'MetricRef',
      (_u): _u is MetricRef => false,
      (u, c) => (typeof u === 'string' ? NonEmptyString.validate(u, c) : Metric.validate(u, c)),
      (a) => a
    ),
    [NonEmptyString, Metric]
  )
)

export const Metric: t.Type<Metric, unknown, unknown> = t.recursion('Metric', () =>
  oneOfKeys<Metric>(
    'Metric',
    [
      withTag('count')(
        strict(
          { count: NonEmptyString },
          {
            where: Where,
            distinct: NonEmptyString,
            by: CaseByCodec,
            per: t.keyof({ quarter: null }, 'Per'),
          },
          'count'
        ),
        (m) => ({
          type: m.count,
          ...opt('where', m.where),
          ...opt('distinct', m.distinct),
          ...opt('by', m.by),
          ...opt('per', m.per),
        })
      ),
      ...[...AGGREGATES, 'latest' as const].map((agg) =>
        withTag(agg)(
          strict(
            { [agg]: NonEmptyString, field: NonEmptyString } as Record<string, typeof NonEmptyString>,
            agg === 'avg' ? { where: Where, weight: NonEmptyString } : { where: Where },
            agg
          ),
          (m) => ({
            type: m[agg] as string,
            field: m.field as string,
            ...opt('where', m.where),
            ...opt('weight', m.weight as string | undefined),
          })
        )
      ),
      withTag('earliest')(strict({ earliest: NonEmptyString }, { where: Where }, 'earliest'), (m) => ({
        type: m.earliest,
        ...opt('where', m.where),
      })),
      withTag('ratio')(strict({ ratio: t.tuple([MetricRef, MetricRef]) }, {}, 'ratio'), (m) => ({
        of: m.ratio,
      })),
      withTag('change')(strict({ change: MetricRef }, {}, 'change'), (m) => ({ of: m.change })),
    ],
    'count、sum、avg、min、max、latest、earliest、ratio 或 change 之一'
  )
)

/**
 * The metric a scheme names `ref`, if it names one: its own keys only — `named[ref]` would find `constructor`,
 * `toString` … on every object, so a scheme using such a name would pass validation and break scoring.
 */
export const namedMetric = (named: Readonly<Record<string, Metric>>, ref: string): Metric | undefined =>
  Object.hasOwn(named, ref) ? named[ref] : undefined

/** A count or an aggregate: what reads facts, where a ratio or a change only combines. */
export type LeafMetric = Exclude<Metric, { readonly _tag: 'ratio' | 'change' }>

/** The counts and aggregates a metric is made of — a ratio's two sides, a change's metric, a name resolved. */
export const leavesOf = (
  ref: MetricRef,
  named: Readonly<Record<string, Metric>>
): ReadonlyArray<LeafMetric> => {
  const m = typeof ref === 'string' ? namedMetric(named, ref) : ref
  if (!m) return []
  switch (m._tag) {
    case 'ratio':
      return [...leavesOf(m.of[0], named), ...leavesOf(m.of[1], named)]
    case 'change':
      return leavesOf(m.of, named)
    default:
      return [m]
  }
}
