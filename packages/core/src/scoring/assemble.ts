/** @module Phases 2–4 of scoring: rank indicators across units, each unit's total, then the ranking → Result. */
import { fmt2, ZERO } from '../primitives/decimal'
import type { Basis, Result, UnitResult } from '../result/result'
import type { Scheme } from '../scheme/scheme'
import type { UnitEvaluation } from './evaluate-unit'
import { rankAcrossUnits } from './rank-across'
import { rank } from './ranking'
import { unitTotal } from './total'

export interface ResultMeta {
  readonly asOf: string
  readonly basis: Basis
}

export const assemble = (
  scheme: Scheme,
  evaluations: ReadonlyArray<UnitEvaluation>,
  meta: ResultMeta
): Result => {
  const totals = rankAcrossUnits(evaluations).map((e) => unitTotal(scheme, e))
  const units = rank(totals).map(
    (u): UnitResult => ({
      unitId: u.unitId,
      name: u.name,
      rank: u.rank,
      total: fmt2(u.total),
      grade: u.grade,
      vetoed: u.vetoed,
      zeroed: u.zeroed,
      rulesFired: u.rulesFired,
      categories: u.categories,
      bonus: u.bonus && {
        points: fmt2(u.bonus.points),
        max: fmt2(u.bonus.max),
        indicators: u.bonus.indicators,
      },
      adjustments: {
        points: fmt2(u.adjustments.reduce((a, b) => a.plus(b.points), ZERO)),
        items: u.adjustments.map((a) => ({ ...a, points: fmt2(a.points) })),
      },
    })
  )
  return { schemeId: scheme.schemeId, version: scheme.version, asOf: meta.asOf, basis: meta.basis, units }
}
