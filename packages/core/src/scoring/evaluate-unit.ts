/**
 * @module Phase 1 of scoring: everything about one unit that does not depend on other units.
 * Projections cache this per unit and re-run it only for the units an event touches.
 */

import { ENTRY_DAYS, type TimeLimits } from '../cases/time-limit'
import { type EventType, isUnitFactType } from '../events/catalog'
import type { UnitKind } from '../events/registry'
import type { Fact, UnitFacts } from '../facts/fact'
import type { MetricScope } from '../metrics/evaluate'
import { within } from '../metrics/period'
import { type Decimal, dec } from '../primitives/decimal'
import { type Indicator, type Scheme, semanticsOf } from '../scheme/scheme'
import { type IndicatorContext, type IndicatorOutcome, scoreIndicator } from './indicator'
import { judgementsOf } from './judged'
import { memoized, readsToday, typesRead, type UnitMemo } from './memo'
import { evaluateRule, firesOnNoValue, orderedRules, type RuleOutcome } from './rules'

export interface UnitInfo {
  readonly unitId: string
  readonly name: string
  readonly kind: UnitKind
}

/** A change of points the city decided: a PointsAdjusted, or the points of an AppealDecided. */
export interface Adjustment {
  readonly event: string
  /** An indicator of the scheme, `bonus` (the bonus block), or an id naming nothing (ignored in scoring). */
  readonly indicatorId: string
  /** As requested; what it changed is bounded in total.ts. */
  readonly points: Decimal
  readonly reason: string
  readonly approvedBy: string
  readonly source: 'PointsAdjusted' | 'AppealDecided'
  readonly appealId?: string
}

export interface SelfAssessment {
  readonly event: string
  readonly items: ReadonlyArray<{
    readonly indicatorId: string
    readonly points: Decimal
    readonly note?: string
  }>
}

export interface Appeal {
  readonly appealId: string
  /** null: against the whole result. */
  readonly indicatorId: string | null
  readonly filed: string
  readonly decided: {
    readonly event: string
    readonly decision: string
    readonly points: Decimal | null
  } | null
}

export interface UnitEvaluation {
  readonly unit: UnitInfo
  /** Parallel to `scheme.categories`, each parallel to the category's indicators. */
  readonly categories: ReadonlyArray<ReadonlyArray<IndicatorOutcome>>
  readonly bonus: ReadonlyArray<IndicatorOutcome>
  readonly rules: ReadonlyArray<RuleOutcome>
  /** In log order. */
  readonly adjustments: ReadonlyArray<Adjustment>
  readonly selfAssessed: SelfAssessment | null
  readonly appeals: ReadonlyArray<Appeal>
  /** No fact the unit reported counts in the period. */
  readonly noFacts: boolean
  /** {@link deadlinePhase} at the evaluation date: a cached evaluation is valid while it is unchanged. */
  readonly phase: string
}

export interface EvaluateOptions {
  /** The business date of the evaluation (Beijing): deadlines due on or after it are pending without their event. */
  readonly today?: string | undefined
  /** Outcomes kept from this unit's last evaluation under this scheme version (the runner's; see memo.ts). */
  readonly memo?: UnitMemo | undefined
}

/** Whether a unit is assessed under a scheme: its kind, and the scheme's optional list of units. */
export const isAssessed = (scheme: Scheme, unit: UnitInfo): boolean =>
  unit.kind === scheme.appliesTo &&
  (!scheme.units || (scheme.units as ReadonlyArray<string>).includes(unit.unitId))

const dues = new WeakMap<Scheme, ReadonlyArray<string>>()
const duesOf = (scheme: Scheme): ReadonlyArray<string> => {
  const known = dues.get(scheme)
  if (known) return known
  const all = [
    ...[...scheme.categories.flatMap((c) => c.indicators), ...(scheme.bonus?.indicators ?? [])].flatMap(
      (i) => (i.scoring.kind === 'deadline' ? [i.scoring.due] : [])
    ),
    // A cap that fires on no value waits for the period's end, like a deadline (rules.ts `firesOnNoValue`).
    ...((scheme.rules ?? []).some(firesOnNoValue) ? [scheme.period.to] : []),
  ]
  dues.set(scheme, all)
  return all
}

const datedBy = new WeakMap<Scheme, ReadonlySet<object>>()
/**
 * The scheme's indicators and rules that read the evaluation date through a case's time limit (memo.ts
 * `readsToday`), found once per scheme rather than on every evaluation of every unit.
 */
const datedOf = (scheme: Scheme): ReadonlySet<object> => {
  let known = datedBy.get(scheme)
  if (known === undefined) {
    const named = scheme.metrics ?? {}
    known = new Set<object>([
      ...[...scheme.categories.flatMap((c) => c.indicators), ...(scheme.bonus?.indicators ?? [])].filter(
        (i) => i.metric !== undefined && readsToday(i.metric, named)
      ),
      ...(scheme.rules ?? []).filter((r) => readsToday(r.when.metric, named)),
    ])
    datedBy.set(scheme, known)
  }
  return known
}

/**
 * What of the evaluation date an evaluation depends on: how many of the scheme's deadlines have passed at `today`
 * (all when undefined), and the date itself (up to the period's end) when a case can become overdue on any day.
 */
export const deadlinePhase = (scheme: Scheme, today: string | undefined): string => {
  if (today === undefined) return 'all'
  const passed = String(duesOf(scheme).filter((d) => d < today).length)
  return datedOf(scheme).size > 0
    ? `${passed}|${today < scheme.period.to ? today : scheme.period.to}`
    : passed
}

const limitsOf = new WeakMap<Scheme, TimeLimits | undefined>()
/** The scheme's time limits as one object per scheme (time-limit.ts keeps due dates by it). */
const timeLimitsOf = (scheme: Scheme): TimeLimits | undefined => {
  if (!limitsOf.has(scheme))
    limitsOf.set(
      scheme,
      scheme.timeLimits && scheme.calendar
        ? { limits: scheme.timeLimits, calendar: scheme.calendar, entryDays: scheme.entryDays ?? ENTRY_DAYS }
        : undefined
    )
  return limitsOf.get(scheme)
}

/** Cycle events: what the unit says or asks about its score, never facts that a metric counts. */
const CYCLE: ReadonlySet<EventType> = new Set(['SelfAssessmentSubmitted', 'AppealFiled'])

/** The facts metrics count: with `countOnlyVerified`, the unit's own facts only once verified (SPEC §3). */
const countable = (scheme: Scheme, facts: UnitFacts): UnitFacts => {
  if (scheme.countOnlyVerified !== true) return facts
  const kept = new Map<EventType, ReadonlyArray<Fact>>()
  for (const [type, list] of facts)
    kept.set(type, isUnitFactType(type) && !CYCLE.has(type) ? list.filter((f) => f.verified === true) : list)
  return kept
}

const ofScheme = (facts: UnitFacts, type: EventType, schemeId: string): ReadonlyArray<Fact> =>
  (facts.get(type) ?? []).filter((f) => f.data.schemeId === schemeId).sort((a, b) => a.seq - b.seq)

/**
 * Each filing's decision, as the cycle decider pairs them: a decision answers the filing of its appealId standing
 * when it was recorded (the latest earlier one, of any scheme), the first decision a filing gets counts, and a
 * filing made after a decision never inherits it. Pairing by appealId alone let a unit withdraw a decided appeal,
 * file again under the same id on another indicator or scheme, and take the city's points with it.
 */
const decisionsOf = (facts: UnitFacts): ReadonlyMap<string, Fact> => {
  const bySeq = (a: Fact, b: Fact) => a.seq - b.seq
  const filings = [...(facts.get('AppealFiled') ?? [])].sort(bySeq)
  const answered = new Map<string, Fact>()
  for (const d of [...(facts.get('AppealDecided') ?? [])].sort(bySeq)) {
    const appealId = String(d.data.appealId)
    const filing = filings.findLast((f) => f.seq < d.seq && String(f.data.appealId) === appealId)
    if (filing && !answered.has(filing.id)) answered.set(filing.id, d)
  }
  return answered
}

const appealsOf = (facts: UnitFacts, schemeId: string): ReadonlyArray<Appeal> => {
  const decisions = decisionsOf(facts)
  return ofScheme(facts, 'AppealFiled', schemeId).map((f) => {
    const d = decisions.get(f.id)
    return {
      appealId: String(f.data.appealId),
      indicatorId: typeof f.data.indicatorId === 'string' ? f.data.indicatorId : null,
      filed: f.id,
      decided: d
        ? {
            event: d.id,
            decision: String(d.data.decision),
            points: typeof d.data.points === 'number' ? dec(d.data.points) : null,
          }
        : null,
    }
  })
}

const adjustmentsOf = (facts: UnitFacts, schemeId: string, appeals: ReadonlyArray<Appeal>) => {
  // Both name their scheme and count for it whatever their dates (the city adjusts 2017 in January 2018).
  const manual = ofScheme(facts, 'PointsAdjusted', schemeId).map((f): Adjustment & { seq: number } => ({
    event: f.id,
    indicatorId: String(f.data.indicatorId),
    points: dec(f.data.points as number),
    reason: String(f.data.reason),
    approvedBy: String(f.data.approvedBy),
    source: 'PointsAdjusted',
    seq: f.seq,
  }))
  const decided = new Map((facts.get('AppealDecided') ?? []).map((f) => [f.id, f]))
  // An appeal against the whole result carries no points (SPEC §3).
  const fromAppeals = appeals.flatMap((a): Array<Adjustment & { seq: number }> => {
    const d = a.decided && decided.get(a.decided.event)
    if (!d || !a.decided?.points || a.indicatorId === null) return []
    return [
      {
        event: d.id,
        indicatorId: a.indicatorId,
        points: a.decided.points,
        reason: String(d.data.reason),
        approvedBy: '申诉复核决定',
        source: 'AppealDecided',
        appealId: a.appealId,
        seq: d.seq,
      },
    ]
  })
  return [...manual, ...fromAppeals].sort((a, b) => a.seq - b.seq).map(({ seq: _seq, ...a }) => a)
}

const selfAssessmentOf = (facts: UnitFacts, schemeId: string): SelfAssessment | null => {
  const last = ofScheme(facts, 'SelfAssessmentSubmitted', schemeId).at(-1)
  if (!last) return null
  const items = last.data.items as ReadonlyArray<{ indicatorId: string; points: number; note?: string }>
  return {
    event: last.id,
    items: items.map((i) => ({
      indicatorId: i.indicatorId,
      points: dec(i.points),
      ...(i.note === undefined ? {} : { note: i.note }),
    })),
  }
}

const hasReportedFacts = (facts: UnitFacts, scheme: Scheme): boolean => {
  for (const [type, list] of facts)
    if (isUnitFactType(type) && !CYCLE.has(type) && list.some((f) => within(f.countsOn, scheme.period)))
      return true
  return false
}

export const evaluateUnit = (
  scheme: Scheme,
  unit: UnitInfo,
  facts: UnitFacts,
  options: EvaluateOptions = {}
): UnitEvaluation => {
  const counted = countable(scheme, facts)
  const scope: MetricScope = {
    facts: counted,
    period: scheme.period,
    named: scheme.metrics ?? {},
    semantics: semanticsOf(scheme),
    timeLimits: timeLimitsOf(scheme),
    today: options.today,
  }
  const ctx: IndicatorContext = {
    scope,
    judgements: judgementsOf(facts, scheme.schemeId),
    today: options.today,
  }
  const appeals = appealsOf(facts, scheme.schemeId)
  const { memo, today } = options
  // What a time limit reads of the date: nothing changes after the period's end, so the memo keeps its outcome then.
  const limitDay = today !== undefined && today < scheme.period.to ? today : scheme.period.to
  const dated = datedOf(scheme)
  // A judged indicator reads the 考核组's judgements, not a metric: cheap, and never kept. Only a deadline (未到期 or
  // not) and a count on time limits (overdue or not) read the evaluation date, so a day passing computes those again,
  // not every outcome.
  const indicator = (i: Indicator) => {
    const metric = i.metric
    return metric && i.scoring.kind !== 'judged'
      ? memoized(
          memo,
          i,
          () => typesRead(metric, scope.named),
          counted,
          i.scoring.kind === 'deadline' ? today : dated.has(i) ? limitDay : undefined,
          () => scoreIndicator(i, unit.unitId, ctx)
        )
      : scoreIndicator(i, unit.unitId, ctx)
  }
  return {
    unit,
    categories: scheme.categories.map((c) => c.indicators.map(indicator)),
    bonus: (scheme.bonus?.indicators ?? []).map(indicator),
    rules: orderedRules(scheme.rules ?? []).map((r) =>
      memoized(
        memo,
        r,
        () => typesRead(r.when.metric, scope.named),
        counted,
        firesOnNoValue(r) ? today : dated.has(r) ? limitDay : undefined,
        () => evaluateRule(r, scope, today)
      )
    ),
    adjustments: adjustmentsOf(facts, scheme.schemeId, appeals),
    selfAssessed: selfAssessmentOf(facts, scheme.schemeId),
    appeals,
    noFacts: !hasReportedFacts(counted, scheme),
    phase: deadlinePhase(scheme, options.today),
  }
}
