/**
 * @module judged: the points the 考核组 gave (the latest IndicatorJudged for the unit, scheme and indicator),
 * within [0, max] (SPEC §4 v2). It counts for its scheme whatever its dates: 2017 is judged in January 2018.
 */
import type { Fact, UnitFacts } from '../facts/fact'
import { Decimal, plain, ZERO } from '../primitives/decimal'
import type { Scored } from './scored'

/** The latest judgement of each indicator of the scheme, by log order. */
export const judgementsOf = (facts: UnitFacts, schemeId: string): ReadonlyMap<string, Fact> => {
  const latest = new Map<string, Fact>()
  for (const f of facts.get('IndicatorJudged') ?? []) {
    if (f.data.schemeId !== schemeId) continue
    const id = String(f.data.indicatorId)
    const known = latest.get(id)
    if (!known || f.seq > known.seq) latest.set(id, f)
  }
  return latest
}

/** @example judged 4.5 of 5 → 4.50; judged 7 of 5 → 5.00 (满分封顶). */
export const scoreJudged = (judgement: Fact, max: Decimal): Scored => {
  const given = new Decimal(String(judgement.data.points))
  const reason = String(judgement.data.reason)
  const head = `考核组评分 ${plain(given)} 分（${judgement.occurredOn}，理由：${reason}）`
  if (given.greaterThan(max))
    return { points: max, explanation: `${head}，超过该项满分，按满分 ${plain(max)} 分计` }
  if (given.isNegative()) return { points: ZERO, explanation: `${head}，按 0 分计` }
  return { points: given, explanation: `${head}，得 ${given.toFixed(2)} 分` }
}
