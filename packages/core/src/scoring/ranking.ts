/** @module Competition ranking (1, 2, 2, 4) by total; vetoed units after every other unit; ties listed by unitId. */
import type { Decimal } from '../primitives/decimal'

export interface Rankable {
  readonly unitId: string
  readonly total: Decimal
  readonly vetoed: boolean
}

const byTotalThenId = (a: Rankable, b: Rankable) =>
  b.total.comparedTo(a.total) || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0)

/** The units in ranking order, each with its rank. */
export const rank = <T extends Rankable>(
  units: ReadonlyArray<T>
): ReadonlyArray<T & { readonly rank: number }> => {
  const ranked: Array<T & { readonly rank: number }> = []
  for (const group of [units.filter((u) => !u.vetoed), units.filter((u) => u.vetoed)]) {
    const offset = ranked.length
    const sorted = [...group].sort(byTotalThenId)
    sorted.forEach((u, i) => {
      const prev = sorted[i - 1]
      const place = prev?.total.equals(u.total) ? ranked[ranked.length - 1]!.rank : offset + i + 1
      ranked.push({ ...u, rank: place })
    })
  }
  return ranked
}
