/**
 * @module Moving events in and out as NDJSON. Import is a trusted re-load: it keeps each line's id,
 * recordedAt and actor, checks the whole file against what the store already holds with the same rules as
 * any append, and stores all of it in one batch or nothing. Export streams the log with full metadata.
 */
import {
  checkNext,
  decodeEvent,
  emptyLog,
  fingerprint,
  type LineIssue,
  readLog,
  streamOf,
} from '@kaoping/core'
import * as E from 'fp-ts/Either'
import type { AppendError } from './errors'
import type { EventStore, NewEvent, RecordedEvent } from './port'

const PAGE = 5000

/** Every stored event, page by page, in log order. */
export async function* readEverything(store: EventStore, after?: bigint): AsyncGenerator<RecordedEvent> {
  let position = after
  for (;;) {
    const page = await store.readAll({
      ...(position === undefined ? {} : { after: position }),
      maxCount: PAGE,
    })
    yield* page
    if (page.length < PAGE) return
    position = page[page.length - 1]!.position
  }
}

export type ImportError =
  | { readonly _tag: 'BadLines'; readonly issues: ReadonlyArray<LineIssue> }
  | AppendError

export interface Imported {
  readonly imported: number
  /** Lines that repeat events already stored (same id and content). */
  readonly skipped: number
}

export const importLog = async (
  store: EventStore,
  text: string,
  actor = 'import'
): Promise<E.Either<ImportError, Imported>> => {
  const log = emptyLog()
  for await (const e of readEverything(store)) {
    const decoded = decodeEvent(e.type, e.data)
    // Stored events passed these rules when they were appended; folding them rebuilds the log's state.
    if (E.isRight(decoded)) checkNext(log, e.id, decoded.right, fingerprint(e.type, e.data))
  }
  const read = readLog(text, log)
  if (E.isLeft(read)) return E.left({ _tag: 'BadLines', issues: read.left })
  const all = text.split('\n')
  const lines = all.filter((l) => l.trim() !== '').length
  if (read.right.length === 0) return E.right({ imported: 0, skipped: lines })
  const events = read.right.map(
    (e): NewEvent => ({
      id: e.id,
      type: e.type,
      // Stored as written (the line's own data, not its decoded form), so export gives back the same bytes.
      data: (JSON.parse(all[e.seq - 1]!) as { data: unknown }).data,
      stream: streamOf(e, e.type === 'EventRetracted' ? log.caseOf.get(e.data.targetEventId) : undefined),
      recordedAt: e.recordedAt,
      actor: e.actor ?? actor,
    })
  )
  const appended = await store.append({ events, actor })
  return E.map(() => ({ imported: events.length, skipped: lines - events.length }))(appended)
}

/** One exported line: the event with everything the store added. Bigints travel as strings. */
export const exportLine = (e: RecordedEvent): string =>
  JSON.stringify({
    id: e.id,
    type: e.type,
    data: e.data,
    recordedAt: e.recordedAt,
    actor: e.actor,
    schemaVersion: e.schemaVersion,
    stream: e.stream,
    revision: e.revision.toString(),
    position: e.position.toString(),
  })
