/** @module Phase 2 of scoring: rank indicators, which need every unit's value before any unit's points are known. */
import type { Value } from '../metrics/value'
import { dec, round2 } from '../primitives/decimal'
import type { UnitEvaluation } from './evaluate-unit'
import type { IndicatorOutcome } from './indicator'
import { places, scoreRank } from './rank'

type Slot = (e: UnitEvaluation) => ReadonlyArray<IndicatorOutcome>

const rankSlot = (
  evaluations: ReadonlyArray<UnitEvaluation>,
  slot: Slot,
  index: number
): Map<string, IndicatorOutcome> => {
  const values = new Map<string, Value>()
  for (const e of evaluations) {
    const o = slot(e)[index]!
    if (o.status === 'rank') values.set(e.unit.unitId, o.value)
  }
  const replaced = new Map<string, IndicatorOutcome>()
  if (values.size === 0) return replaced
  const first = evaluations.map((e) => slot(e)[index]!).find((o) => o.status === 'rank')!
  const s = first.indicator.scoring
  if (s.kind !== 'rank') return replaced
  const placeOf = places(values, s.order ?? 'desc')
  for (const e of evaluations) {
    const o = slot(e)[index]!
    if (o.status !== 'rank') continue
    const { points, explanation } = scoreRank(
      o.value,
      placeOf.get(e.unit.unitId)!,
      values.size,
      s.first,
      s.step
    )
    const capped = points.greaterThan(dec(o.indicator.max)) ? dec(o.indicator.max) : points
    replaced.set(e.unit.unitId, { ...o, status: 'scored', points: round2(capped), explanation })
  }
  return replaced
}

/** Returns the evaluations with every rank indicator scored by place. */
export const rankAcrossUnits = (
  evaluations: ReadonlyArray<UnitEvaluation>
): ReadonlyArray<UnitEvaluation> => {
  const sample = evaluations[0]
  if (!sample) return evaluations
  let result = evaluations
  sample.categories.forEach((cat, ci) => {
    cat.forEach((o, ii) => {
      if (o.indicator.scoring.kind !== 'rank') return
      const replaced = rankSlot(result, (e) => e.categories[ci]!, ii)
      result = result.map((e) => {
        const r = replaced.get(e.unit.unitId)
        if (!r) return e
        const categories = e.categories.map((c, k) => (k === ci ? c.map((x, j) => (j === ii ? r : x)) : c))
        return { ...e, categories }
      })
    })
  })
  sample.bonus.forEach((o, ii) => {
    if (o.indicator.scoring.kind !== 'rank') return
    const replaced = rankSlot(result, (e) => e.bonus, ii)
    result = result.map((e) => {
      const r = replaced.get(e.unit.unitId)
      return r ? { ...e, bonus: e.bonus.map((x, j) => (j === ii ? r : x)) } : e
    })
  })
  return result
}
