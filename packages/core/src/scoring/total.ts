/**
 * @module Phase 3 of scoring: categories (with rescaling), bonus, adjustments, special rules, total and grade
 * for one unit (SPEC §4 "Arithmetic" and "Special rules").
 */
import { serializeValue } from '../metrics/value'
import { Decimal, dec, fmt2, max0, plain, round2, ZERO } from '../primitives/decimal'
import type {
  AdjustmentItem,
  AppealResult,
  CategoryResult,
  IndicatorResult,
  RuleFired,
  RuleResult,
  SelfAssessedResult,
} from '../result/result'
import { type Scheme, semanticsOf } from '../scheme/scheme'
import type { UnitEvaluation } from './evaluate-unit'
import { finalGrade } from './grade'
import type { IndicatorOutcome } from './indicator'

export interface UnitTotal {
  readonly unitId: string
  readonly name: string
  readonly total: Decimal
  readonly grade: string
  readonly vetoed: boolean
  readonly zeroed: boolean
  readonly noFacts: boolean
  readonly rulesFired: ReadonlyArray<RuleFired>
  readonly rules: ReadonlyArray<RuleResult>
  readonly categories: ReadonlyArray<CategoryResult>
  readonly bonus: {
    readonly points: Decimal
    readonly max: Decimal
    readonly indicators: ReadonlyArray<IndicatorResult>
  } | null
  readonly adjustments: { readonly points: Decimal; readonly items: ReadonlyArray<AdjustmentItem> }
  readonly selfAssessed: SelfAssessedResult | null
  readonly appeals: ReadonlyArray<AppealResult>
}

/** Scored or pending/excluded/not applicable: rank outcomes are scored by rankAcrossUnits before totalling. */
const counts = (o: IndicatorOutcome) => o.status === 'scored'

const statusOf = (o: IndicatorOutcome): IndicatorResult['status'] =>
  o.status === 'rank' ? 'scored' : o.status

export const indicatorResult = (
  o: IndicatorOutcome,
  adjusted: IndicatorResult['adjusted'] = null
): IndicatorResult => ({
  id: o.indicator.id,
  status: statusOf(o),
  value: serializeValue(o.value),
  points: o.points === null ? null : fmt2(o.points),
  max: fmt2(o.max),
  explanation: o.explanation,
  events: o.events,
  exceptions: o.exceptions,
  adjusted,
})

const sum = (ds: ReadonlyArray<Decimal>) => ds.reduce((a, b) => a.plus(b), ZERO)
const clamp = (d: Decimal, lo: Decimal, hi: Decimal) => Decimal.max(lo, Decimal.min(hi, d))

interface Target {
  readonly outcome: IndicatorOutcome
  /** Index of its category, or -1 for the bonus block. */
  readonly category: number
}

interface Applied {
  readonly items: ReadonlyArray<AdjustmentItem>
  readonly total: Decimal
  /** Per indicator id: its points after adjustments, what they changed, and which events. */
  readonly byIndicator: ReadonlyMap<string, Adjusted>
}

interface Adjusted {
  points: Decimal
  change: Decimal
  events: string[]
  /** Σ of the points the adjustments so far asked for. */
  requested: Decimal
}

/**
 * Adjustments act on their indicator (SPEC §3 Authority): under semantics 2 the indicator's points are its own
 * plus all that its adjustments ask for, bounded to [0, max] once — so their order does not matter (bounded one
 * at a time, as semantics 1 does, +3 then −3 on a full indicator took 3 away, −3 then +3 took nothing). Each
 * item's `applied` is what it moved the bounded sum by, in log order; they add up to the indicator's change. The
 * bonus block stays within [0, its max], step by step. An id naming nothing in the scheme, or an indicator not
 * scored for the unit, changes nothing.
 */
const applyAdjustments = (
  scheme: Scheme,
  e: UnitEvaluation,
  zeroedCategories: ReadonlySet<number>,
  bonusPoints: Decimal | null
): Applied => {
  const targets = new Map<string, Target>()
  e.categories.forEach((outcomes, ci) => {
    for (const o of outcomes) targets.set(o.indicator.id, { outcome: o, category: ci })
  })
  for (const o of e.bonus) targets.set(o.indicator.id, { outcome: o, category: -1 })
  const bonusMax = scheme.bonus ? dec(scheme.bonus.max) : ZERO
  let block = bonusPoints ?? ZERO
  const onTheSum = semanticsOf(scheme) >= 2
  const byIndicator = new Map<string, Adjusted>()
  let total = ZERO
  const items = e.adjustments.map((a): AdjustmentItem => {
    const base = {
      event: a.event,
      indicatorId: a.indicatorId,
      points: fmt2(a.points),
      reason: a.reason,
      approvedBy: a.approvedBy,
      source: a.source,
      ...(a.appealId === undefined ? {} : { appealId: a.appealId }),
    }
    const none = (note: string): AdjustmentItem => ({ ...base, applied: fmt2(ZERO), note })
    if (a.indicatorId === 'bonus' && !targets.has('bonus')) {
      if (!scheme.bonus) return none('本办法无加分项，调整不计分')
      const next = clamp(block.plus(a.points), ZERO, bonusMax)
      const applied = next.minus(block)
      block = next
      total = total.plus(applied)
      return applied.equals(a.points)
        ? { ...base, applied: fmt2(applied) }
        : { ...base, applied: fmt2(applied), note: `加分项合计应在 0 至 ${plain(bonusMax)} 分之间` }
    }
    const target = targets.get(a.indicatorId)
    if (!target) return none(`本办法无指标 ${a.indicatorId}，调整不计分`)
    const o = target.outcome
    if (o.points === null) return none('该项本期不计分（剔除、不适用或未到期），调整不计分')
    if (target.category >= 0 && zeroedCategories.has(target.category))
      return none('所在类别已计0分，调整不计分')
    const known = byIndicator.get(a.indicatorId)
    const current = known?.points ?? o.points
    const requested = (known?.requested ?? ZERO).plus(a.points)
    // Semantics 1 (scheme.ts) bounded each adjustment in turn.
    let next = onTheSum
      ? clamp(o.points.plus(requested), ZERO, o.max)
      : clamp(current.plus(a.points), ZERO, o.max)
    const indicatorNext = next
    if (target.category === -1) {
      // A bonus indicator also stays within the block's maximum.
      const blockNext = clamp(block.plus(next.minus(current)), ZERO, bonusMax)
      next = current.plus(blockNext.minus(block))
      block = blockNext
    }
    const applied = next.minus(current)
    byIndicator.set(a.indicatorId, {
      points: next,
      change: (known?.change ?? ZERO).plus(applied),
      events: [...(known?.events ?? []), a.event],
      requested,
    })
    total = total.plus(applied)
    // Under semantics 2 an item is bounded when the sum so far leaves [0, max]; one that only cancels an earlier
    // bounded item (−3 after +3 on a full indicator) was not itself bounded.
    const bounded = onTheSum
      ? !o.points.plus(requested).equals(indicatorNext) || !next.equals(indicatorNext)
      : !applied.equals(a.points)
    return bounded
      ? { ...base, applied: fmt2(applied), note: `调整后该项得分应在 0 至 ${plain(o.max)} 分之间` }
      : { ...base, applied: fmt2(applied) }
  })
  return { items, total, byIndicator }
}

export const unitTotal = (scheme: Scheme, e: UnitEvaluation): UnitTotal => {
  // Σmax and Σpoints over the indicators that count for this unit; a category with none is excluded.
  const parts = e.categories.map((outcomes) => {
    const counted = outcomes.filter(counts)
    return { sumMax: sum(counted.map((o) => o.max)), sumPoints: sum(counted.map((o) => o.points!)) }
  })
  const fullScale = sum(scheme.categories.map((c) => dec(c.max)))
  const includedScale = sum(
    scheme.categories.filter((_, i) => !parts[i]!.sumMax.isZero()).map((c) => dec(c.max))
  )
  const scale = includedScale.isZero() ? new Decimal(1) : fullScale.div(includedScale)

  const fired = e.rules.filter((r) => r.fired)
  const zeroScopes = new Set(fired.flatMap((r) => (r.rule.kind === 'zero' ? [r.rule.scope ?? 'total'] : [])))
  const zeroedCategories = new Set(scheme.categories.flatMap((c, i) => (zeroScopes.has(c.id) ? [i] : [])))

  const bonusRaw = scheme.bonus
    ? Decimal.min(dec(scheme.bonus.max), sum(e.bonus.filter(counts).map((o) => o.points!)))
    : null
  const applied = applyAdjustments(scheme, e, zeroedCategories, bonusRaw)
  const adjustedOf = (o: IndicatorOutcome): IndicatorResult['adjusted'] => {
    const a = applied.byIndicator.get(o.indicator.id)
    return a ? { points: fmt2(a.points), change: fmt2(a.change), events: a.events } : null
  }

  const categories = scheme.categories.map((c, i): CategoryResult & { readonly exact: Decimal } => {
    const { sumMax, sumPoints } = parts[i]!
    const max = dec(c.max).times(scale)
    const indicators = e.categories[i]!.map((o) => indicatorResult(o, adjustedOf(o)))
    if (sumMax.isZero()) return { id: c.id, points: null, max: fmt2(dec(c.max)), indicators, exact: ZERO }
    const earned = zeroScopes.has(c.id) ? ZERO : round2(max.times(sumPoints).div(sumMax))
    return { id: c.id, points: fmt2(earned), max: fmt2(max), indicators, exact: earned }
  })

  const bonus =
    scheme.bonus && bonusRaw
      ? {
          points: bonusRaw,
          max: dec(scheme.bonus.max),
          indicators: e.bonus.map((o) => indicatorResult(o, adjustedOf(o))),
        }
      : null

  const vetoed = fired.some((r) => r.rule.kind === 'veto')
  const zeroed = zeroScopes.has('total')
  const beforeRules = sum(categories.map((c) => c.exact))
    .plus(bonus?.points ?? ZERO)
    .plus(applied.total)
  // 计"0"分 on the total overrides everything, adjustments included; a total stays within
  // [0, scheme max + bonus max].
  const ceiling = fullScale.plus(scheme.bonus ? dec(scheme.bonus.max) : ZERO)
  const total = zeroed ? ZERO : round2(clamp(max0(beforeRules), ZERO, ceiling))
  const caps = fired.flatMap((r) => (r.rule.kind === 'gradeCap' ? [r.rule.maxGrade] : []))
  const value = (r: (typeof e.rules)[number]) => serializeValue(r.value)
  return {
    unitId: e.unit.unitId,
    name: e.unit.name,
    total,
    grade: finalGrade(scheme.grades, total, { vetoed, caps }),
    vetoed,
    zeroed,
    noFacts: e.noFacts,
    rulesFired: fired.map((r) => ({
      id: r.rule.id,
      kind: r.rule.kind,
      name: r.rule.name,
      value: value(r),
      explanation: r.explanation,
      events: r.events,
    })),
    rules: e.rules.map((r) => ({
      id: r.rule.id,
      kind: r.rule.kind,
      name: r.rule.name,
      fired: r.fired,
      value: value(r),
      explanation: r.explanation,
    })),
    categories: categories.map(({ exact: _exact, ...c }) => c),
    bonus,
    adjustments: { points: applied.total, items: applied.items },
    selfAssessed: e.selfAssessed && {
      event: e.selfAssessed.event,
      total: fmt2(sum(e.selfAssessed.items.map((i) => i.points))),
      items: e.selfAssessed.items.map((i) => ({
        indicatorId: i.indicatorId,
        points: fmt2(i.points),
        ...(i.note === undefined ? {} : { note: i.note }),
      })),
    },
    appeals: e.appeals.map((a) => ({
      appealId: a.appealId,
      indicatorId: a.indicatorId,
      state: a.decided ? 'decided' : 'filed',
      decision: (a.decided?.decision ?? null) as AppealResult['decision'],
      points: a.decided?.points ? fmt2(a.decided.points) : null,
      filed: a.filed,
      decided: a.decided?.event ?? null,
    })),
  }
}
