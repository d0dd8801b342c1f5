/**
 * @module Phase 1 of scoring: everything about one unit that does not depend on other units.
 * Projections cache this per unit and re-run it only for the units an event touches.
 */
import type { UnitKind } from '../events/registry'
import type { UnitFacts } from '../facts/fact'
import type { MetricScope } from '../metrics/evaluate'
import { within } from '../metrics/period'
import { type Decimal, dec } from '../primitives/decimal'
import type { Scheme } from '../scheme/scheme'
import { type IndicatorOutcome, scoreIndicator } from './indicator'
import { evaluateRule, orderedRules, type RuleOutcome } from './rules'

export interface UnitInfo {
  readonly unitId: string
  readonly name: string
  readonly kind: UnitKind
}

export interface Adjustment {
  readonly event: string
  readonly indicatorId: string
  readonly points: Decimal
  readonly reason: string
  readonly approvedBy: string
}

export interface UnitEvaluation {
  readonly unit: UnitInfo
  /** Parallel to `scheme.categories`, each parallel to the category's indicators. */
  readonly categories: ReadonlyArray<ReadonlyArray<IndicatorOutcome>>
  readonly bonus: ReadonlyArray<IndicatorOutcome>
  readonly rules: ReadonlyArray<RuleOutcome>
  readonly adjustments: ReadonlyArray<Adjustment>
}

/** Whether a unit is assessed under a scheme: its kind, and the scheme's optional list of units. */
export const isAssessed = (scheme: Scheme, unit: UnitInfo): boolean =>
  unit.kind === scheme.appliesTo &&
  (!scheme.units || (scheme.units as ReadonlyArray<string>).includes(unit.unitId))

export const evaluateUnit = (scheme: Scheme, unit: UnitInfo, facts: UnitFacts): UnitEvaluation => {
  const scope: MetricScope = { facts, period: scheme.period, named: scheme.metrics ?? {} }
  const adjustments = (facts.get('PointsAdjusted') ?? [])
    .filter((f) => f.data.schemeId === scheme.schemeId && within(f.occurredOn, scheme.period))
    .sort((a, b) => a.seq - b.seq)
    .map((f) => ({
      event: f.id,
      indicatorId: String(f.data.indicatorId),
      points: dec(f.data.points as number),
      reason: String(f.data.reason),
      approvedBy: String(f.data.approvedBy),
    }))
  return {
    unit,
    categories: scheme.categories.map((c) => c.indicators.map((i) => scoreIndicator(i, unit.unitId, scope))),
    bonus: (scheme.bonus?.indicators ?? []).map((i) => scoreIndicator(i, unit.unitId, scope)),
    rules: orderedRules(scheme.rules ?? []).map((r) => evaluateRule(r, scope)),
    adjustments,
  }
}
