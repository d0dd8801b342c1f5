/** @module Reading an event file and a scheme file, with errors that name the file, line and field. */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import {
  formatIssue,
  formatLineIssue,
  type LineIssue,
  parseScheme,
  readLog,
  type Scheme,
  type StoredEvent,
} from '@kaoping/core'
import * as E from 'fp-ts/Either'
import { UsageError } from './cli-error'
import { describeFileError } from './file-error'
import { findJsonProblem } from './json-error'

const readText = (path: string): string => {
  try {
    return readFileSync(path, 'utf8')
  } catch (e) {
    throw new UsageError([describeFileError(e, path)])
  }
}

/**
 * Beyond this many unreadable lines, and more than half the file, it is the wrong file (a CSV, a workbook, a
 * binary) rather than a file with a few bad lines: one sentence then says so instead of thousands of lines.
 */
const WRONG_FILE_LINES = 20

const count = (n: number) => n.toLocaleString('en-US')

export const readEventFile = (path: string): ReadonlyArray<StoredEvent> => {
  const text = readText(path)
  const events = readLog(text)
  if (E.isLeft(events)) throw new UsageError(eventFileProblems(basename(path), text, events.left))
  return events.right
}

/**
 * The lines a person reads for an event file that `readLog` (or `importLog`) refused: one summary when it is the
 * wrong kind of file, else every issue by line, JSON syntax errors worded in Chinese.
 */
export const eventFileProblems = (
  name: string,
  text: string,
  issues: ReadonlyArray<LineIssue>
): ReadonlyArray<string> => {
  const unreadable = new Map<number, string>()
  let filled = 0
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return
    filled++
    const problem = findJsonProblem(raw.trim())
    if (problem) unreadable.set(i + 1, `不是有效的 JSON，第 ${problem.column} 个字符处${problem.message}`)
  })
  if (unreadable.size > WRONG_FILE_LINES && unreadable.size * 2 > filled)
    return [
      `${name} 不是 NDJSON 事件文件：第 ${unreadable.keys().next().value} 行起 ${count(unreadable.size)} 行无法解析`,
      '事件文件每行是一条 JSON 事件（如 kaoping export 的输出）；XLSX、CSV 表格请用 kaoping import 导入。',
    ]
  // Core words a JSON error as V8 does, in English: say it in Chinese, at the same place in the list.
  return issues.map((issue) =>
    formatLineIssue(
      name,
      unreadable.has(issue.line) ? { ...issue, message: unreadable.get(issue.line)! } : issue
    )
  )
}

/** A scheme file holds one scheme, or an array of its versions. */
export const readSchemeFile = (path: string): ReadonlyArray<Scheme> =>
  readSchemeJson(path).map((s) => s.scheme)

/** Each scheme of a file, decoded and validated, beside the JSON as written (what gets published). */
export const readSchemeJson = (
  path: string
): ReadonlyArray<{ readonly scheme: Scheme; readonly json: unknown }> => {
  const name = basename(path)
  const text = readText(path)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    const problem = findJsonProblem(text)
    throw new UsageError([
      problem
        ? `${name} 第 ${problem.line} 行第 ${problem.column} 列：不是有效的 JSON，此处${problem.message}`
        : `${name}：不是有效的 JSON`,
    ])
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
