/**
 * @module Why a projection stops: it never skips an event silently, never runs twice at once, and never mixes
 * two stores' events (read models are bound to the store they were projected from).
 */

/** An event the projection cannot handle (e.g. a type from a newer release): it stops there. */
export class ProjectionStopped extends Error {
  override readonly name = 'ProjectionStopped'
  constructor(
    readonly position: bigint,
    readonly type: string,
    detail: string
  ) {
    super(
      `投影在位置 ${position} 停止：无法处理事件 ${type}（${detail}）。请升级 kaoping 后重试；该事件未被跳过。`
    )
  }
}

/** Another runner holds the projection lock. */
export class ProjectionLocked extends Error {
  override readonly name = 'ProjectionLocked'
  constructor(readonly owner: string) {
    super(`另一个投影进程（${owner}）正在运行，本进程不重复处理；请等待其结束或停止它后重试`)
  }
}

/** Why the read models do not belong to the store they are opened with. */
export type StoreChange =
  /** Their checkpoint names another store (or none: read models from before identities). */
  | { readonly _tag: 'OtherStore' }
  /** The store's head is behind their checkpoint: emptied, restarted empty, or restored from an older backup. */
  | { readonly _tag: 'StoreBehind'; readonly head: bigint }

/** Read models projected from another store, or from events the store no longer has: never served as they are. */
export class StoreMismatch extends Error {
  override readonly name = 'StoreMismatch'
  constructor(
    readonly change: StoreChange,
    /** The read models' file. */
    readonly file: string,
    /** The store their checkpoint names (null: not recorded) and the position it reached. */
    readonly recorded: string | null,
    readonly checkpoint: bigint,
    /** The store they were opened with. */
    readonly current: string
  ) {
    super(
      change._tag === 'StoreBehind'
        ? `事件存储 ${current} 的最新位置 ${change.head} 落后于读模型（${file}）的检查点 ${checkpoint}` +
            `（读模型投影自 ${recorded ?? '未记录的存储'}）：存储被清空、重启后为空或从较旧的备份恢复，读模型里的事件已不在存储中`
        : `读模型（${file}）投影自事件存储 ${recorded ?? '（未记录）'}，而当前事件存储是 ${current}：` +
            '两个存储的事件不能混在一个排名里'
    )
  }
}

/** The read models' database is a SQLite store's own file, and the store being projected is another one. */
export class ReadModelsInStoreFile extends Error {
  override readonly name = 'ReadModelsInStoreFile'
  constructor(
    readonly file: string,
    readonly fileStore: string | undefined,
    readonly current: string
  ) {
    super(
      `${file} 是 SQLite 模式的事件库（事件存储 ${fileStore ?? '未标识'}），其中的读模型属于它自己；` +
        `事件存储 ${current} 的读模型不能写进这个文件。请另指一个读模型文件（--db 或 KAOPING_DB；` +
        'EventStoreDB 模式默认 data/kaoping-esdb.db）'
    )
  }
}
