/** @module One indicator for one unit: applicability (个性指标), the metric, whenUndefined, then its scoring kind. */
import { evaluate, type MetricScope } from '../metrics/evaluate'
import { describeValue, type Value } from '../metrics/value'
import { type Decimal, dec, max0, plain, round2, ZERO } from '../primitives/decimal'
import type { Indicator } from '../scheme/scheme'
import { scoreBands } from './bands'
import { scoreBonus } from './bonus'
import { scoreDeadline } from './deadline'
import { scoreDeduct } from './deduct'
import { scoreFlag } from './flag'
import { scoreLinear } from './linear'
import type { Scored } from './scored'

/**
 * - `scored`: points are final;
 * - `rank`: the value is known, points wait for every unit's value (see assemble.ts);
 * - `excluded`: undefined value with `whenUndefined: exclude`; `notApplicable`: a 个性 indicator of other units.
 * Both of the last two drop out of their category's Σmax (rescaling).
 */
export type OutcomeStatus = 'scored' | 'rank' | 'excluded' | 'notApplicable'

export interface IndicatorOutcome {
  readonly indicator: Indicator
  readonly status: OutcomeStatus
  readonly value: Value
  readonly points: Decimal | null
  readonly max: Decimal
  readonly explanation: string
  readonly events: ReadonlyArray<string>
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
      // Ranked in assemble.ts once all units are known; never reached.
      throw new Error('rank indicators are scored across units')
  }
}

const whenUndefined = (
  ind: Indicator,
  value: Value,
  max: Decimal,
  events: ReadonlyArray<string>
): IndicatorOutcome => {
  const base = { indicator: ind, value, max, events }
  const what = ind.scoring.kind === 'deadline' ? '未完成（无记录）' : describeValue(value)
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

export const scoreIndicator = (ind: Indicator, unitId: string, scope: MetricScope): IndicatorOutcome => {
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
    }
  const { value, events } = evaluate(ind.metric, scope)
  if (value._tag === 'undefined') return whenUndefined(ind, value, max, events)
  if (ind.scoring.kind === 'rank')
    return { indicator: ind, status: 'rank', value, points: null, max, explanation: '', events }
  const { points, explanation } = score(ind, value, max)
  return { indicator: ind, status: 'scored', value, points: round2(max0(points)), max, explanation, events }
}
