/**
 * @module `--scheme` of the commands that read the database is a scheme id; a clerk coming from `replay` gives a
 * file. Both mistakes, and an id that does not exist, get an answer that says what to type instead.
 */
import { describeReplayError, type ReplayError } from '@kaoping/core'
import { UsageError } from './cli-error'
import { suggest } from './suggest'

/** Refuses a path before anything is opened. */
export const requireSchemeId = (command: string, value: string): void => {
  if (/[/\\]|\.(json|ndjson|xlsx|csv)$/i.test(value))
    throw new UsageError([
      `--scheme ${value} 像是文件路径：${command} --scheme 取已发布的考核办法代码（如 guangyuan-districts-2017），replay --scheme 才取考核办法文件。`,
      `要用这个文件计算，请运行 kaoping replay --events 事件文件.ndjson --scheme ${value}`,
    ])
}

/** A replay error, where "not found" lists the ids that exist (and the nearest one). */
export const describeSchemeError = (e: ReplayError, known: ReadonlyArray<string>): UsageError => {
  if (e._tag !== 'SchemeNotFound' || known.includes(e.schemeId))
    return new UsageError([describeReplayError(e)])
  if (known.length === 0)
    return new UsageError([
      `未找到考核办法 ${e.schemeId}：数据库中还没有发布任何考核办法，请先用 kaoping publish-scheme 发布。`,
    ])
  const near = suggest(e.schemeId, known)
  return new UsageError([
    `未找到考核办法 ${e.schemeId}。${near ? `您是不是想输入 ${near}？` : ''}`,
    `已发布的考核办法：${known.join('、')}`,
  ])
}
