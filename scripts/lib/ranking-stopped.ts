/**
 * @module Why rankings could not be brought up to date, in the words a clerk uses (重算排名); the projections
 * package words its errors for developers (投影).
 */
import { ProjectionLocked, ProjectionStopped } from '@kaoping/projections'
import { UsageError } from './cli-error'

/** The error as a UsageError a person can act on, or the error itself when it is something else. */
export const explainRankingStop = (e: unknown): unknown => {
  if (e instanceof ProjectionStopped) {
    const detail = /（(.*)）。/.exec(e.message)?.[1]
    return new UsageError([
      `重算排名在日志位置 ${e.position} 处停止：无法处理 ${e.type} 事件${detail ? `（${detail}）` : ''}。`,
      '这条事件没有被跳过。请升级 kaoping 后重试。',
    ])
  }
  if (e instanceof ProjectionLocked) {
    // The owner reads like `pid 123 projection thread`: only the process number means something to a person.
    const pid = /pid (\d+)/.exec(e.owner)?.[1]
    return new UsageError([
      `另一个进程${pid ? `（进程号 ${pid}）` : ''}正在重算排名（如正在运行的 kaoping serve），本次不重复进行；请等它结束，或停止它后重试。`,
    ])
  }
  return e
}
