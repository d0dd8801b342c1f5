/** @module One indicator for one unit: applicability (个性指标), the metric, whenUndefined, then its scoring kind. */
import type { Fact } from '../facts/fact'
import { type Detail, evaluate, type MetricScope } from '../metrics/evaluate'
import { describeValue, num, type Value } from '../metrics/value'
import { type Decimal, dec, max0, plain, round2, ZERO } from '../primitives/decimal'
import type { Indicator } from '../scheme/scheme'
import { scoreBands } from './bands'
import { scoreBonus } from './bonus'
import { scoreDeadline } from './deadline'
import { scoreDeduct } from './deduct'
import { countsSentence, directionOf, exceptionsOf } from './exceptions'
import { scoreFlag } from './flag'
import { scoreJudged } from './judged'
import { scoreLinear } from './linear'
import type { Scored } from './scored'

/**
 * - `scored`: points are final;
 * - `rank`: the value is known, points wait for every unit's value (see assemble.ts);
 * - `excluded`: undefined value with `whenUndefined: exclude`; `notApplicable`: a 个性 indicator of other units;
 * - `pending`: a deadline not yet due at the evaluation date, without its event (未到期).
 * The last three drop out of their category's Σmax (rescaling).
 */
export type OutcomeStatus = 'scored' | 'rank' | 'excluded' | 'notApplicable' | 'pending'

export interface IndicatorOutcome {
  readonly indicator: Indicator
  readonly status: OutcomeStatus
  readonly value: Value
  readonly points: Decimal | null
  readonly max: Decimal
  readonly explanation: string
  readonly events: ReadonlyArray<string>
  /** What counts against the indicator: case ids for case metrics, event ids otherwise, in log order. */
  readonly exceptions: ReadonlyArray<string>
}

/** What an indicator is scored with besides the unit's facts. */
export interface IndicatorContext {
  readonly scope: MetricScope
  /** The latest IndicatorJudged of each indicator of this scheme for the unit. */
  readonly judgements: ReadonlyMap<string, Fact>
  /** The business date of the evaluation (Beijing); undefined: every deadline has passed. */
  readonly today: string | undefined
}

const score = (ind: Indicator, value: Value, max: Decimal): Scored => {
  const s = ind.scoring
  switch (s.kind) {
    case 'flag':
      return scoreFlag(value, max)
    case 'linear':
      return scoreLinear(value, max, s.target)
    case 'bands':
      return scoreBands(value, s.bands, s.else)
    case 'deduct':
      return scoreDeduct(value, max, s.per, s.cap)
    case 'deadline':
      return scoreDeadline(value, max, s.due, s.perDayLate)
    case 'bonus':
      return scoreBonus(value, max, s.per)
    case 'rank':
    case 'judged':
      // Ranked in assemble.ts once all units are known; judged below. Never reached.
      throw new Error(`${s.kind} indicators are not scored from a value here`)
  }
}

const withCounts = (sentence: string | null, text: string) => (sentence ? `${sentence}；${text}` : text)

const whenUndefined = (
  ind: Indicator,
  value: Value,
  max: Decimal,
  events: ReadonlyArray<string>,
  exceptions: ReadonlyArray<string>,
  counts: string | null
): IndicatorOutcome => {
  const base = { indicator: ind, value, max, events, exceptions }
  const what = withCounts(
    counts,
    ind.scoring.kind === 'deadline'
      ? '未完成（无记录）'
      : ind.scoring.kind === 'judged'
        ? '考核组尚未评分'
        : describeValue(value)
  )
  switch (ind.whenUndefined ?? 'zero') {
    case 'exclude':
      return {
        ...base,
        status: 'excluded',
        points: null,
        explanation: `${what}，按规定剔除该项，所在类别按比例折算`,
      }
    case 'full':
      return { ...base, status: 'scored', points: max, explanation: `${what}，按规定计满分 ${plain(max)} 分` }
    case 'zero':
      return { ...base, status: 'scored', points: ZERO, explanation: `${what}，得 0 分` }
  }
}

const NO_DETAIL: Detail = { kind: 'one', type: 'IndicatorJudged', fact: undefined }

export const scoreIndicator = (ind: Indicator, unitId: string, ctx: IndicatorContext): IndicatorOutcome => {
  const max = dec(ind.max)
  if (ind.units && !(ind.units as ReadonlyArray<string>).includes(unitId))
    return {
      indicator: ind,
      status: 'notApplicable',
      value: { _tag: 'undefined', why: '不适用' },
      points: null,
      max,
      explanation: '个性指标，不适用于本单位，已剔除，所在类别按比例折算',
      events: [],
      exceptions: [],
    }
  const s = ind.scoring
  if (s.kind === 'judged') {
    const judgement = ctx.judgements.get(ind.id)
    if (!judgement) return whenUndefined(ind, { _tag: 'undefined', why: '考核组尚未评分' }, max, [], [], null)
    const { points, explanation } = scoreJudged(judgement, max)
    return {
      indicator: ind,
      status: 'scored',
      value: num(dec(judgement.data.points as number)),
      points: round2(points),
      max,
      explanation,
      events: [judgement.id],
      exceptions: [],
    }
  }
  // Validation guarantees every other kind has a metric.
  const { value, events, detail } = ind.metric
    ? evaluate(ind.metric, ctx.scope)
    : { value: { _tag: 'undefined', why: '无 metric' } as Value, events: [], detail: NO_DETAIL }
  const direction = directionOf(ind)
  if (value._tag === 'undefined') {
    if (s.kind === 'deadline' && ctx.today !== undefined && ctx.today <= s.due)
      return {
        indicator: ind,
        status: 'pending',
        value,
        points: null,
        max,
        // No evaluation date in the words: a cached evaluation is reused while no deadline changes phase, and the
        // Result's own asOf says when (replay and the live ranking must stay byte-identical).
        explanation: `要求 ${s.due} 前完成，尚无记录，未到期，暂不计分（所在类别按比例折算）`,
        events,
        exceptions: [],
      }
    const exceptions = exceptionsOf(detail, direction, true, s.kind === 'deadline')
    return whenUndefined(ind, value, max, events, exceptions, countsSentence(detail, direction, exceptions))
  }
  if (s.kind === 'rank')
    return {
      indicator: ind,
      status: 'rank',
      value,
      points: null,
      max,
      explanation: '',
      events,
      exceptions: [],
    }
  const scored = score(ind, value, max)
  const points = round2(max0(scored.points))
  const exceptions = exceptionsOf(detail, direction, points.lessThan(max), s.kind === 'deadline')
  return {
    indicator: ind,
    status: 'scored',
    value,
    points,
    max,
    explanation: withCounts(countsSentence(detail, direction, exceptions), scored.explanation),
    events,
    exceptions,
  }
}
