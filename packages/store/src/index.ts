/** @module @kaoping/store — the event store port, its in-memory and SQLite adapters, (the validated way in is `@kaoping/app`). */

export { type AppendError, describeAppendError, StoreOpenError, StoreUnavailableError } from './errors'
export { createEsdbStore, type EsdbStoreOptions } from './esdb/esdb-store'
export * from './evidence'
export { exportLine, readEverything } from './import-export'
export { createMemoryStore, type MemoryStoreOptions } from './memory/memory-store'
export type * from './port'
export { SCHEMA_VERSION } from './port'
export { storeIdOfFile } from './sqlite/schema'
export { createSqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store'
export { gatedWrites, type WriteGate, writeGate } from './write-gate'
