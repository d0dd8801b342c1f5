/** @module The summary (`view=summary`, core result/summary.ts) of a ranking text, kept per text. */
import { type Result, summarize } from '@kaoping/core'

/** The summary of the latest stored ranking text, computed once per change of that text. */
export const summaries = () => {
  const latest = new Map<string, { readonly full: string; readonly summary: string }>()
  return (key: string, full: string): string => {
    const hit = latest.get(key)
    if (hit && hit.full === full) return hit.summary
    const summary = JSON.stringify(summarize(JSON.parse(full) as Result))
    latest.set(key, { full, summary })
    return summary
  }
}
