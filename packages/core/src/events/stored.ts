/** @module A stored event: the decoded event plus what the store adds (id, recordedAt, actor, position). */
import type { DomainEvent } from './catalog'

export type StoredEvent = DomainEvent & {
  readonly id: string
  /** ISO-8601 instant assigned by the store's clock. */
  readonly recordedAt: string
  readonly actor?: string
  /** Order in the log (the global position, or the line number of an event file). */
  readonly seq: number
}
