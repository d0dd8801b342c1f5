/**
 * @module A retraction is final: scoring never undoes one (a fact is restored by recording it again), so a
 * "retraction of a retraction" would only be a misleading record — and anyone's, of anyone's, since a
 * retraction's authority follows its target's. Refused for new events (the append command, a non-admin file
 * import), not in the log checker, which also reads exports that may hold one from before.
 */
import type { DomainEvent, EventType, Issue } from '@kaoping/core'

export const retractionsOfRetractions = (
  batch: ReadonlyArray<{ readonly id: string; readonly event: DomainEvent }>,
  /** The type of a stored event. */
  typeOf: (id: string) => EventType | undefined
): Issue[] => {
  const inBatch = new Map(batch.map((d) => [d.id, d.event.type]))
  return batch.flatMap((d, i) => {
    const target = d.event.type === 'EventRetracted' ? d.event.data.targetEventId : undefined
    const type = target === undefined ? undefined : (inBatch.get(target) ?? typeOf(target))
    return type === 'EventRetracted'
      ? [
          {
            path: `events.${i}.data.targetEventId`,
            message: `${target} 本身是一条撤回记录，不能再撤回；如需恢复被撤回的事实，请重新记录该事实`,
          },
        ]
      : []
  })
}
