/** @module Why a projection stops: it never skips an event silently, and never runs twice at once. */

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
