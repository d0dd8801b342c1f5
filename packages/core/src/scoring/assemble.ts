/** @module Phases 2–4 of scoring: rank indicators across units, each unit's total, then the ranking → Result. */
import { fmt2 } from '../primitives/decimal'
import type { Basis, Result, UnitResult } from '../result/result'
import type { Scheme } from '../scheme/scheme'
import type { UnitEvaluation } from './evaluate-unit'
import { rankAcrossUnits } from './rank-across'
import { rank } from './ranking'
import { type UnitTotal, unitTotal } from './total'

export interface ResultMeta {
  readonly asOf: string
  readonly basis: Basis
}

const totalled = new WeakMap<UnitEvaluation, UnitTotal>()

type Body = Omit<UnitResult, 'unitId' | 'name' | 'rank'>

/** What a unit's entry says besides its place: computed once per total, like the total itself. */
const bodies = new WeakMap<UnitTotal, Body>()
const bodyOf = (u: UnitTotal): Body => {
  const known = bodies.get(u)
  if (known) return known
  const body: Body = {
    total: fmt2(u.total),
    grade: u.grade,
    vetoed: u.vetoed,
    zeroed: u.zeroed,
    noFacts: u.noFacts,
    rulesFired: u.rulesFired,
    rules: u.rules,
    categories: u.categories,
    bonus: u.bonus && {
      points: fmt2(u.bonus.points),
      max: fmt2(u.bonus.max),
      indicators: u.bonus.indicators,
    },
    adjustments: { points: fmt2(u.adjustments.points), items: u.adjustments.items },
    selfAssessed: u.selfAssessed,
    appeals: u.appeals,
  }
  bodies.set(u, body)
  return body
}

export const assemble = (
  scheme: Scheme,
  evaluations: ReadonlyArray<UnitEvaluation>,
  meta: ResultMeta
): Result => {
  const totals = rankAcrossUnits(evaluations).map((e) => {
    // A unit's total depends only on its own evaluation (rank indicators make new evaluation objects), so an
    // evaluation kept in a projection's cache is totalled once, not on every re-scoring of the others.
    const known = totalled.get(e)
    if (known) return known
    const total = unitTotal(scheme, e)
    totalled.set(e, total)
    return total
  })
  // Ranked through a handle on each total, so its body (kept per total) is found again after ranking.
  const units = rank(totals.map((t) => ({ unitId: t.unitId, total: t.total, vetoed: t.vetoed, t }))).map(
    (u): UnitResult => ({ unitId: u.unitId, name: u.t.name, rank: u.rank, ...bodyOf(u.t) })
  )
  return { schemeId: scheme.schemeId, version: scheme.version, asOf: meta.asOf, basis: meta.basis, units }
}
