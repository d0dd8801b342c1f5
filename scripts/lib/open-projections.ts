/**
 * @module Opens the store and its read models (in the store's own SQLite file, or in EventStoreDB mode a file of
 * their own) and the runner that brings them up to date. Read models bound to another store, or ahead of the
 * store's head, are refused by default — a command says so in Chinese and points at `kaoping rebuild` — or
 * rebuilt from the store when the caller asks (`serve`).
 */
import {
  openProjector,
  type Projector,
  type ProjectorOptions,
  ReadModelsInStoreFile,
  StoreMismatch,
} from '@kaoping/projections'
import type { EventStore } from '@kaoping/store'
import Database from 'better-sqlite3'
import { UsageError } from './cli-error'
import { defaultDb, openStore } from './open-store'

export interface Opened {
  readonly store: EventStore
  readonly db: Database.Database
  /** The read models' file. */
  readonly path: string
  readonly projector: Projector
  readonly close: () => Promise<void>
}

/** What a person reads when the read models are not this store's, and what to do about it. */
export const mismatchProblems = (e: StoreMismatch | ReadModelsInStoreFile, path: string): string[] =>
  e instanceof ReadModelsInStoreFile
    ? [e.message]
    : [
        e.message,
        `为免把不属于当前存储的事件算进排名，本命令不使用这些读模型。请运行 kaoping rebuild --db ${path} ` +
          '按当前事件存储重建读模型，或用 --db 指定当前存储自己的读模型文件（kaoping serve 启动时会自动重建）',
      ]

/** The projector's refusals as UsageErrors, for commands that catch only those. */
const asUsage = async <A>(path: string, f: () => Promise<A>): Promise<A> => {
  try {
    return await f()
  } catch (e) {
    if (e instanceof StoreMismatch || e instanceof ReadModelsInStoreFile)
      throw new UsageError(mismatchProblems(e, path))
    throw e
  }
}

export const openProjections = (
  path: string | undefined = undefined,
  onProgress?: ProjectorOptions['onProgress'],
  options: Pick<ProjectorOptions, 'cachedEvents' | 'onMismatch' | 'onStoreChange'> & {
    readonly eventstoreUrl?: string
    /** On EventStoreDB: the turn at this file's writers for the adapter's id index (see openStore). */
    readonly indexTurn?: <T>(write: () => T) => Promise<T>
  } = {}
): Opened => {
  const { eventstoreUrl = process.env.EVENTSTORE_URL, indexTurn, ...projectorOptions } = options
  const file = path ?? defaultDb(eventstoreUrl)
  const store = openStore(file, eventstoreUrl, indexTurn)
  // A second connection to the same file: the read models commit with their checkpoint, apart from appends.
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('busy_timeout = 5000')
  const projector = openProjector({ store, db, ...(onProgress ? { onProgress } : {}), ...projectorOptions })
  return {
    store,
    db,
    path: file,
    projector: {
      ...projector,
      catchUp: () => asUsage(file, projector.catchUp),
      rebuild: () => asUsage(file, projector.rebuild),
    },
    close: async () => {
      db.close()
      await store.close()
    },
  }
}
