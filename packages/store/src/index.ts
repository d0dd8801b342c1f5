/** @module @kaoping/store — the event store port, its in-memory and SQLite adapters, and the validated way in. */

export { ClientEnvelope } from './envelope'
export { type AppendError, describeAppendError, StoreOpenError, StoreUnavailableError } from './errors'
export { createEsdbStore, type EsdbStoreOptions } from './esdb/esdb-store'
export { exportLine, type ImportError, type Imported, importLog, readEverything } from './import-export'
export { createMemoryStore, type MemoryStoreOptions } from './memory/memory-store'
export type * from './port'
export { SCHEMA_VERSION } from './port'
export { type Published, publishScheme } from './publish-scheme'
export { storeIdOfFile } from './sqlite/schema'
export { createSqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store'
export { type AppendContext, appendValidated } from './validated-append'
