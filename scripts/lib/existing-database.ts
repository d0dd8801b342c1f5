/**
 * @module A command that only reads refuses a database file that is not there: opening it would create an empty
 * one and answer "no such scheme", hiding the real mistake (a mistyped path, the wrong folder).
 */
import { existsSync } from 'node:fs'
import { UsageError } from './cli-error'

/** On EventStoreDB the file holds only this node's read models, which a read may create and fill. */
export const databaseExists = (path: string): boolean =>
  Boolean(process.env.EVENTSTORE_URL) || existsSync(path)

export const requireDatabase = (path: string): void => {
  if (!databaseExists(path))
    throw new UsageError([
      `数据库文件 ${path} 不存在`,
      '请用 --db 指定已有的数据库文件，或先用 kaoping import 导入事件。',
    ])
}
