/** @module The event store port: what every backend (in-memory, SQLite, EventStoreDB) provides, and nothing more. */
import type * as E from 'fp-ts/Either'
import type { AppendError } from './errors'

/** `any`: no check; `no_stream`: the stream must not exist; `stream_exists`; or the exact current revision. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint

export interface NewEvent {
  readonly id: string
  readonly stream: string
  readonly type: string
  readonly data: unknown
  /** Kept only on import (a trusted re-load of exported events); appends take the store's clock. */
  readonly recordedAt?: string
  readonly actor?: string
}

export interface RecordedEvent {
  readonly id: string
  readonly stream: string
  /** 0-based position of the event in its stream. */
  readonly revision: bigint
  /** Position in the whole log: ordered and never reused, but not necessarily dense. */
  readonly position: bigint
  readonly type: string
  readonly data: unknown
  readonly recordedAt: string
  readonly actor: string
  readonly schemaVersion: number
}

export interface AppendRequest {
  /** In log order; may span several streams (one transaction where the backend allows). */
  readonly events: ReadonlyArray<NewEvent>
  /** Per stream; streams not named here are appended with `any`. */
  readonly expected?: ReadonlyMap<string, ExpectedRevision>
  readonly actor: string
  /**
   * An ISO instant: the batch was checked against rules that hold until then (the application decides windows
   * and dates by Beijing day, at the instant it read the clock). If the store's own stamp for the batch is later —
   * the day ended between the decision and the write — nothing is written (`RecordByPassed`), and the caller
   * decides again. Lines that carry their own `recordedAt` (a re-load) are not stamped and not held to it.
   */
  readonly recordBy?: string
}

export interface AppendResult {
  /** The stored events, with their positions (the original ones when the batch was a repeat). */
  readonly events: ReadonlyArray<RecordedEvent>
  /** True when every event was already stored with the same content: acknowledged again, nothing written. */
  readonly duplicate: boolean
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards'
  /** Inclusive; forwards from 0 or backwards from the end by default. */
  readonly fromRevision?: bigint
  readonly maxCount?: number
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. */
  readonly after?: bigint
  readonly maxCount?: number
}

export interface Subscription {
  /** Resolves once the subscriber has delivered everything that existed when it started. */
  readonly caughtUp: Promise<void>
  readonly close: () => Promise<void>
}

export type EventHandler = (event: RecordedEvent) => void | Promise<void>

export interface EventStore {
  readonly append: (request: AppendRequest) => Promise<E.Either<AppendError, AppendResult>>
  readonly readStream: (stream: string, options?: ReadStreamOptions) => Promise<ReadonlyArray<RecordedEvent>>
  readonly readAll: (options?: ReadAllOptions) => Promise<ReadonlyArray<RecordedEvent>>
  /** The position of the last stored event, 0n for an empty log (for progress and lag). */
  readonly headPosition: () => Promise<bigint>
  /**
   * Which store this is, stable for its lifetime (a prefix names the backend: `sqlite:`, `esdb:`, `memory:`), so
   * read models can be bound to the store they were projected from. Two stores never share one. EventStoreDB's
   * derives from the first event in `$all`, so an empty EventStoreDB answers `esdb:empty` until its first append.
   */
  readonly identity: () => Promise<string>
  /** The stored events with these ids (missing ids are absent from the map). */
  readonly findEvents: (ids: ReadonlyArray<string>) => Promise<ReadonlyMap<string, RecordedEvent>>
  /**
   * Every stored event carrying each of these keys, in log order (keys without events are absent from the map). The
   * store indexes each event under core's `indexKeys` when it is appended or imported: its business key
   * (`TrainingHeld|unit|s1`) and, for a retraction or a return, `undo|<target id>` — so the business-id rule
   * (SPEC §3) reads the holders of a key instead of a stream.
   */
  readonly findByKeys: (
    keys: ReadonlyArray<string>
  ) => Promise<ReadonlyMap<string, ReadonlyArray<RecordedEvent>>>
  /** Catch-up from `after`, then live, in log order, one event at a time. */
  readonly subscribe: (options: { readonly after?: bigint }, handler: EventHandler) => Subscription
  readonly close: () => Promise<void>
}

export const SCHEMA_VERSION = 1
