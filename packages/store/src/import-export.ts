/** @module Moving events out: the log page by page, and one NDJSON line per event with full metadata (import is the application's `importLog`). */
import type { EventStore, RecordedEvent } from './port'

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
