/** @module Reads an NDJSON event file into stored events, reporting every bad line by number and field path. */
import * as E from 'fp-ts/Either'
import { tooDeep, tooDeepMessage } from '../codec/depth'
import { type Issue, toIssues } from '../codec/issues'
import { decodeEvent } from '../events/catalog'
import type { StoredEvent } from '../events/stored'
import { EventLine } from './line'
import { checkNext, emptyLog, fingerprint, type LogState, noteEvent } from './log-checker'

export interface LineIssue extends Issue {
  readonly line: number
}

export const formatLineIssue = (file: string, i: LineIssue): string =>
  `${file}:${i.line}${i.path ? ` ${i.path}` : ''}: ${i.message}`

/**
 * All-or-nothing: either every line is a valid event that the log rules accept, or the list of every problem.
 * Blank lines are skipped; line numbers are 1-based, as an editor shows them. A line repeating an event
 * already in the log (same id, same content) is skipped, so reading a file twice adds nothing.
 */
export const readLog = (
  text: string,
  /** What the log already holds (an import into a store): its events count as earlier lines. */
  log: LogState = emptyLog()
): E.Either<ReadonlyArray<LineIssue>, ReadonlyArray<StoredEvent>> => {
  const issues: LineIssue[] = []
  const events: StoredEvent[] = []
  const lines = text.split('\n')
  lines.forEach((raw, index) => {
    const line = index + 1
    const trimmed = raw.trim()
    if (trimmed === '') return
    let json: unknown
    try {
      json = JSON.parse(trimmed)
    } catch (e) {
      issues.push({ line, path: '', message: `不是有效的 JSON（${(e as Error).message}）` })
      return
    }
    const deep = tooDeep(json)
    if (deep !== undefined) {
      issues.push({ line, path: deep, message: tooDeepMessage() })
      return
    }
    const envelope = EventLine.decode(json)
    if (E.isLeft(envelope)) {
      issues.push(...toIssues(envelope.left).map((i) => ({ line, ...i })))
      // The data may be wrong too: report it now rather than after the envelope is fixed.
      if (typeof json === 'object' && json !== null && 'type' in json && 'data' in json) {
        const alsoData = decodeEvent(json.type, json.data)
        if (E.isLeft(alsoData)) issues.push(...alsoData.left.map((i) => ({ line, ...i })))
      }
      return
    }
    const { id, type, data, recordedAt, actor } = envelope.right
    const event = decodeEvent(type, data)
    if (E.isLeft(event)) {
      issues.push(...event.left.map((i) => ({ line, ...i })))
      return
    }
    const checked = checkNext(log, id, event.right, fingerprint(type, data))
    if (E.isLeft(checked)) {
      issues.push(...checked.left.map((i) => ({ line, ...i })))
      return
    }
    if (checked.right === 'duplicate') return
    noteEvent(log, id, event.right.type, actor)
    events.push({ ...event.right, id, recordedAt, ...(actor === undefined ? {} : { actor }), seq: line })
  })
  return issues.length > 0 ? E.left(issues) : E.right(events)
}
