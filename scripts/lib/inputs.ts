/** @module Reading an event file and a scheme file, with errors that name the file, line and field. */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import {
  formatIssue,
  formatLineIssue,
  parseScheme,
  readLog,
  type Scheme,
  type StoredEvent,
} from '@kaoping/core'
import * as E from 'fp-ts/Either'
import { UsageError } from './cli-error'

const readText = (path: string, what: string): string => {
  try {
    return readFileSync(path, 'utf8')
  } catch (e) {
    throw new UsageError([
      `无法读取${what} ${path}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    ])
  }
}

export const readEventFile = (path: string): ReadonlyArray<StoredEvent> => {
  const events = readLog(readText(path, '事件文件'))
  if (E.isLeft(events)) throw new UsageError(events.left.map((i) => formatLineIssue(basename(path), i)))
  return events.right
}

/** A scheme file holds one scheme, or an array of its versions. */
export const readSchemeFile = (path: string): ReadonlyArray<Scheme> =>
  readSchemeJson(path).map((s) => s.scheme)

/** Each scheme of a file, decoded and validated, beside the JSON as written (what gets published). */
export const readSchemeJson = (
  path: string
): ReadonlyArray<{ readonly scheme: Scheme; readonly json: unknown }> => {
  const name = basename(path)
  let json: unknown
  try {
    json = JSON.parse(readText(path, '考核办法文件'))
  } catch (e) {
    if (e instanceof UsageError) throw e
    throw new UsageError([`${name}: 不是有效的 JSON（${(e as Error).message}）`])
  }
  const items = Array.isArray(json) ? json : [json]
  const problems: string[] = []
  const schemes = items.flatMap((item: unknown, i) => {
    const parsed = parseScheme(item)
    if (E.isRight(parsed)) return [{ scheme: parsed.right, json: item }]
    const prefix = Array.isArray(json) ? `${i}.` : ''
    problems.push(
      ...parsed.left.map((issue) => `${name} ${formatIssue({ ...issue, path: prefix + issue.path })}`)
    )
    return []
  })
  if (problems.length > 0) throw new UsageError(problems)
  if (schemes.length === 0) throw new UsageError([`${name}: 没有考核办法`])
  return schemes
}
