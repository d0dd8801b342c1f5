/**
 * @module The order a workbook's rows are appended in. Sheets come in catalog order (units before the facts that
 * name them, a case's opening before its steps); a correction — a retraction, a verification, a return — comes
 * right after the row it acts on, when that row is in the file. So a fact the 考核组 returned and the unit
 * recorded again under the same business id reads [fact, return, fact again], never [fact, fact again, return],
 * which the business-id rule (SPEC §3) refuses.
 */
import type { SheetEvent } from './rows'

const targetOf = (e: SheetEvent): string | undefined => {
  const target = e.envelope.data.targetEventId
  return typeof target === 'string' ? target : undefined
}

export const correctionsAfterTargets = (events: ReadonlyArray<SheetEvent>): SheetEvent[] => {
  const ids = new Set(events.flatMap((e) => (e.envelope.id === undefined ? [] : [e.envelope.id])))
  const after = new Map<string, SheetEvent[]>()
  const rest: SheetEvent[] = []
  for (const e of events) {
    const target = targetOf(e)
    if (target !== undefined && ids.has(target) && target !== e.envelope.id) {
      const list = after.get(target)
      if (list) list.push(e)
      else after.set(target, [e])
    } else rest.push(e)
  }
  const out: SheetEvent[] = []
  const placed = new Set<SheetEvent>()
  const place = (e: SheetEvent) => {
    if (placed.has(e)) return
    placed.add(e)
    out.push(e)
    for (const c of (e.envelope.id && after.get(e.envelope.id)) || []) place(c)
  }
  for (const e of rest) place(e)
  // Corrections that only act on each other (no valid file has them) keep their sheet order, at the end, for the
  // append to refuse with its own words.
  for (const e of events) place(e)
  return out
}
