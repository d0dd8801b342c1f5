/** @module What the runner's parts share: the store, the read models' database, the options, the memories. */
import type { EventStore } from '@kaoping/store'
import type Database from 'better-sqlite3'
import type { StoreMismatch } from './errors'
import type { Memories } from './generation-memory'

export interface Progress {
  readonly done: number
  readonly position: bigint
  readonly head: bigint
}

export interface RunnerContext {
  readonly store: EventStore
  readonly db: Database.Database
  readonly batchSize: number
  /** Runs a write transaction in the runner's turn (see ProjectorOptions.writeGate). */
  readonly inTurn: <T>(write: () => T) => T
  /** The same turn held until `write` settles (a transaction another thread runs for the runner). */
  readonly inTurnAsync: <T>(write: () => Promise<T>) => Promise<T>
  /** A rebuild's event index is written on a thread of its own from this many events (index-fill.ts). */
  readonly indexThreadFrom: number
  readonly memories: Memories
  readonly onProgress?: ((p: Progress) => void) | undefined
  readonly onMismatch: 'refuse' | 'rebuild'
  readonly onStoreChange?: ((mismatch: StoreMismatch, phase: 'rebuilding' | 'rebuilt') => void) | undefined
  /** How many unit evaluations the last re-scoring computed. */
  evaluated: number
  /** How the last rebuild finished: its event index written on a thread, its units scored from memory. */
  lastRebuild?: { readonly indexOnThread: boolean; readonly scoredFromMemory: boolean }
  /**
   * The store's identity as last read: asked once, then again only after the store did not answer (it may have
   * been replaced) — not on every pass, where it is a server read on EventStoreDB. A store emptied or restored
   * behind the checkpoint is caught on every pass by its head alone.
   */
  identity?: string | undefined
}

/** A write transaction (IMMEDIATE: the write lock first) of the runner's, in its turn at the file. */
export const writeInTurn = <T>(ctx: RunnerContext, body: () => T): T =>
  ctx.inTurn(() => ctx.db.transaction(body).immediate())
