/** @module Grades: the first grade whose minimum the total reaches; vetoes and caps move it down. */
import type { Decimal } from '../primitives/decimal'
import type { Grade } from '../scheme/scheme'

/** Index into `grades` (sorted by descending minimum; validation guarantees the last minimum is 0). */
export const gradeIndex = (grades: ReadonlyArray<Grade>, total: Decimal): number => {
  const i = grades.findIndex((g) => total.greaterThanOrEqualTo(String(g.min)))
  return i === -1 ? grades.length - 1 : i
}

export interface GradeEffects {
  readonly vetoed: boolean
  /** Names of the best grades allowed by fired gradeCap rules. */
  readonly caps: ReadonlyArray<string>
}

export const finalGrade = (grades: ReadonlyArray<Grade>, total: Decimal, effects: GradeEffects): string => {
  let i = effects.vetoed ? grades.length - 1 : gradeIndex(grades, total)
  for (const cap of effects.caps)
    i = Math.max(
      i,
      grades.findIndex((g) => g.name === cap)
    )
  return grades[i]!.name
}
