/**
 * @module The rules only new events meet — the way in's, not the log's, which also reads exports and stored events
 * recorded before a rule existed: another unit's case id (others-cases.ts), a retraction of a retraction
 * (final-retractions.ts), a reporter's future date (future-dates.ts), text a person cannot be shown as stored
 * (unsafe-text.ts), a part larger than its whole (impossible-counts.ts). The append command (API, stream appends, spreadsheet rows) and a file import both ask here, so
 * every way in applies the same; an admin's re-load of an export brings back old events, not new ones, and asks
 * nothing.
 */
import type { CaseState, DomainEvent, EventType, Issue, Principal } from '@kaoping/core'
import { retractionsOfRetractions } from './final-retractions'
import { futureDates } from './future-dates'
import { impossibleCounts } from './impossible-counts'
import { othersCases } from './others-cases'
import { unsafeTextIssues } from './unsafe-text'

export interface NewEventsContext {
  readonly principal: Principal
  /** The recording instant (ISO-8601). */
  readonly now: string
  /** The type of a stored event. */
  readonly typeOf: (id: string) => EventType | undefined
  /** Each case's state before these events. */
  readonly cases: ReadonlyMap<string, CaseState>
}

/** Issues at `events.{i}.…`. Another unit's case comes alone: a reporter learns nothing more of it from the rest. */
export const newEventIssues = (
  batch: ReadonlyArray<{ readonly id: string; readonly event: DomainEvent }>,
  ctx: NewEventsContext
): Issue[] => {
  const events = batch.map((d) => d.event)
  const reporter = ctx.principal.role === 'reporter'
  const hidden = reporter ? othersCases(events, ctx.cases, ctx.principal.unitId) : []
  if (hidden.length > 0) return hidden
  return [
    ...retractionsOfRetractions(batch, ctx.typeOf),
    ...(reporter ? futureDates(events, ctx.now) : []),
    ...impossibleCounts(events),
    ...events.flatMap((e, i) => unsafeTextIssues(e.data, `events.${i}.data`)),
  ]
}
