/** @module The closest known word to a mistyped one, for "您是不是想输入 …" (typos, swapped letters, a missing dash). */

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1. */
export const editDistance = (a: string, b: string): number => {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
  )
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1)
      d[i]![j] = best
    }
  return d[a.length]![b.length]!
}

/**
 * The candidate nearest to `word`, if it is near enough to be what was meant: at most 2 edits, and fewer than
 * half the word's letters (so `-x` does not "mean" `db`). Ties go to the first candidate, in the given order.
 */
export const suggest = (word: string, candidates: ReadonlyArray<string>): string | undefined => {
  const limit = Math.min(2, Math.ceil(word.length / 2) - 1)
  let best: { readonly candidate: string; readonly distance: number } | undefined
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase())
    if (distance <= limit && (!best || distance < best.distance)) best = { candidate, distance }
  }
  return best?.candidate
}
