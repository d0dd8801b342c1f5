/**
 * @module The event store on EventStoreDB (`@eventstore/db-client`, pinned): the same port as SQLite, for users
 * who outgrow one machine. What EventStoreDB does not give, the adapter builds:
 * - **atomic multi-stream batches**: EventStoreDB appends atomically per stream only, so a batch is planned whole
 *   first (idempotency, every stream's expected revision), then appended run by run of one stream, in the batch's
 *   order; a fault midway is a
 *   failure, and the client's retry with the same ids completes the batch (ids already written are recognised);
 * - **lookup by event id**: an index id → (stream, revision) kept from `$all` and brought up to date before each
 *   use (appends by other API nodes included); the events themselves are read back from their streams;
 * - **lookup by key** (business ids, corrections' targets: core `indexKeys`): an index key → locations, kept
 *   beside the id index from the same reads of `$all` — both in memory or in the node's SQLite file (id-index.ts);
 * - **positions**: `$all` commit positions as the port's bigint positions (sparse, ordered, never reused);
 *   `$` system events are skipped everywhere;
 * - **live subscription** to `$all` that resubscribes with backoff after a drop, from the last event handled.
 */
import {
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  jsonEvent,
  NO_STREAM,
  type ResolvedEvent,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client'
import { indexKeys } from '@kaoping/core'
import * as E from 'fp-ts/Either'
import { type AppendError, StoreUnavailableError } from '../errors'
import { planAppend } from '../plan-append'
import type {
  AppendRequest,
  AppendResult,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  RecordedEvent,
} from '../port'
import { wakeup } from '../subscribe'
import { describeFailure, isUnavailable } from './errors'
import { memoryIdIndex, sqliteIdIndex } from './id-index'
import { esdbSubscription } from './subscription'

export interface EsdbStoreOptions {
  readonly connectionString: string
  readonly clock: () => string
  /**
   * A SQLite file (the node's read-model file) to keep the id and key index in, across restarts (id-index.ts);
   * without it the index is kept in memory and read from the start of `$all` by each process.
   */
  readonly indexFile?: string
  /**
   * The turn at that file's writers (the server's write gate: another thread commits read models there): each
   * index write waits for it without blocking its thread. At once by default.
   */
  readonly indexTurn?: <T>(write: () => T) => Promise<T>
}

interface Meta {
  readonly recordedAt?: string
  readonly actor?: string
  readonly schemaVersion?: number
}

const PAGE = 1000
const isSystem = (r: ResolvedEvent) =>
  r.event === undefined || r.event.type.startsWith('$') || r.event.streamId.startsWith('$')

export const toRecorded = (r: ResolvedEvent): RecordedEvent => {
  const e = r.event!
  const meta = (e.metadata ?? {}) as Meta
  return {
    id: e.id,
    stream: e.streamId,
    revision: e.revision,
    position: e.position!.commit,
    type: e.type,
    data: e.data,
    recordedAt: meta.recordedAt ?? e.created.toISOString(),
    actor: meta.actor ?? '',
    schemaVersion: meta.schemaVersion ?? 1,
  }
}

/** The store's identity: its first user event in `$all`, or an empty log's. */
const EMPTY = 'esdb:empty'
const identityOf = (first: { readonly id: string; readonly position: bigint }) =>
  `esdb:${first.id}@${first.position}`

const remainingExpectations = (
  request: AppendRequest,
  written: ReadonlyMap<string, RecordedEvent>,
  missing: ReadonlyArray<{ readonly stream: string }>
): Map<string, ExpectedRevision> => {
  const expected = new Map<string, ExpectedRevision>()
  for (const { stream } of missing) {
    const ours = [...written.values()].filter((e) => e.stream === stream).map((e) => e.revision)
    const original = request.expected?.get(stream)
    if (ours.length > 0)
      expected.set(
        stream,
        // bigints: Math.max does not take them
        [...ours].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).at(-1)!
      )
    else if (original !== undefined) expected.set(stream, original)
  }
  return expected
}

export const createEsdbStore = (options: EsdbStoreOptions): EventStore => {
  const client = EventStoreDBClient.connectionString(options.connectionString)
  const describe = (e: unknown) => describeFailure(e, options.connectionString)
  const index = options.indexFile ? sqliteIdIndex(options.indexFile) : memoryIdIndex()
  const inTurn = options.indexTurn ?? (async <T>(write: () => T) => write())
  /** The index found to be of this server's `$all` (asked again after the server did not answer). */
  let indexChecked: Promise<boolean> | undefined
  /** A read the server did not answer becomes a StoreUnavailableError, which runners retry. */
  const reading = async <A>(f: () => Promise<A>): Promise<A> => {
    try {
      return await f()
    } catch (e) {
      if (isUnavailable(e)) {
        // The server that answers next may be another (restored, replaced): its `$all` is not the index's.
        indexChecked = undefined
        throw new StoreUnavailableError(`事件存储暂时不可用：${describe(e)}`)
      }
      throw e
    }
  }
  const signal = wakeup()

  /** Reads `$all` strictly after `after`, skipping system events, at most `max` user events. */
  const readAll = (o: ReadAllOptions = {}) => reading(() => readAllNow(o))
  const readAllNow = async (o: ReadAllOptions): Promise<RecordedEvent[]> => {
    const max = o.maxCount ?? Number.POSITIVE_INFINITY
    const out: RecordedEvent[] = []
    let after = o.after ?? 0n
    for (;;) {
      // `fromPosition` is inclusive (§4.3): the event at `after` comes back first and is skipped. A few events
      // are asked for when a few are wanted (the identity's first event), some more for `$` events among them.
      const asked = Math.min(PAGE, max - out.length + 32)
      const page: ResolvedEvent[] = []
      for await (const r of client.readAll({
        fromPosition: after > 0n ? { commit: after, prepare: after } : START,
        maxCount: asked,
      }))
        page.push(r)
      for (const r of page) {
        const p = r.event?.position?.commit
        if (p === undefined || p <= after || isSystem(r)) continue
        out.push(toRecorded(r))
        if (out.length >= max) return out
      }
      const last = page.at(-1)?.event?.position?.commit
      if (page.length < asked || last === undefined || last <= after) return out
      after = last
    }
  }

  /**
   * Empties the index unless it is of this `$all`: the same database (its first event), not ahead of its head,
   * still holding the index's last event where it was (a database restored from a backup and written since holds
   * another there). What the index was is read before asking the server; a reset compares it, and is not done
   * (false) if another process sharing the file moved the index meanwhile.
   */
  const verifyIndex = async (): Promise<boolean> => {
    const seen = { identity: index.identity(), indexedTo: index.indexedTo() }
    const last = index.lastId()
    const [identity, head] = await Promise.all([reading(identityNow), headPosition()])
    const lastHeld =
      seen.indexedTo === 0n ||
      (last !== undefined && (await reading(() => holds({ id: last, position: seen.indexedTo }))))
    if (seen.identity === identity && seen.indexedTo <= head && lastHeld) return true
    return inTurn(() => index.reset(identity, seen))
  }

  /** Brings the id index (verified once: `verifyIndex`) up to the head of `$all`; answers what it had not seen. */
  const sync = async (): Promise<Map<string, RecordedEvent>> => {
    indexChecked ??= verifyIndex()
    const check = indexChecked
    // Not settled (another process moved the index meanwhile) or failed: asked again by the next sync.
    const settled = await check.catch((e: unknown) => {
      if (indexChecked === check) indexChecked = undefined
      throw e
    })
    if (!settled && indexChecked === check) indexChecked = undefined
    const seen = new Map<string, RecordedEvent>()
    for (;;) {
      const after = index.indexedTo()
      const page = await readAll({ after, maxCount: PAGE })
      // An index begun on an empty log is named by its first event once it has one (as identityNow would).
      const firstEvent = after === 0n && index.identity() === EMPTY ? page[0] : undefined
      const entries = page.map((event) => ({ event, keys: indexKeys(event.type, event.data) }))
      if (page.length > 0)
        await inTurn(() => index.add(entries, after, firstEvent ? identityOf(firstEvent) : undefined))
      for (const e of page) seen.set(e.id, e)
      if (page.length < PAGE) return seen
    }
  }

  const readStream: EventStore['readStream'] = (stream, o = {}) => reading(() => readStreamNow(stream, o))
  const readStreamNow: EventStore['readStream'] = async (stream, o = {}) => {
    try {
      const out: RecordedEvent[] = []
      for await (const r of client.readStream(stream, {
        direction: o.direction === 'backwards' ? 'backwards' : 'forwards',
        fromRevision: o.fromRevision ?? (o.direction === 'backwards' ? END : START),
        maxCount: o.maxCount ?? Number.MAX_SAFE_INTEGER,
      }))
        out.push(toRecorded(r))
      return out
    } catch (e) {
      if (e instanceof StreamNotFoundError) return []
      throw e
    }
  }

  const findEvents: EventStore['findEvents'] = async (wanted) => {
    await sync()
    const found = new Map<string, RecordedEvent>()
    for (const id of wanted) {
      const at = index.locate(id)
      if (!at) continue
      const [e] = await readStream(at.stream, { fromRevision: at.revision, maxCount: 1 })
      // Another event there: the database is not the one indexed (restored, replaced) — not this event.
      if (e?.id === id) found.set(id, e)
    }
    return found
  }

  const findByKeys: EventStore['findByKeys'] = async (wanted) => {
    await sync()
    const found = new Map<string, RecordedEvent[]>()
    for (const key of wanted) {
      const events: RecordedEvent[] = []
      for (const at of index.byKey(key)) {
        const [e] = await readStream(at.stream, { fromRevision: at.revision, maxCount: 1 })
        if (e?.id === at.id) events.push(e)
      }
      if (events.length > 0) found.set(key, events)
    }
    return found
  }

  const revisionOf = async (stream: string) =>
    (await readStream(stream, { direction: 'backwards', maxCount: 1 }))[0]?.revision ?? null

  const plan = async (request: AppendRequest) => {
    const found = await findEvents(request.events.map((e) => e.id))
    // A retry of a batch that failed midway: what was written is recognised, the rest is planned anew — and
    // still under the batch's expectations: a stream it already wrote to must not have moved since (its next
    // revision follows this batch's last event there); a stream it had not reached keeps the client's expectation.
    const missing = request.events.filter((e) => !found.has(e.id))
    const partial = missing.length > 0 && missing.length < request.events.length
    const rest = partial
      ? { ...request, events: missing, expected: remainingExpectations(request, found, missing) }
      : request
    const streams = [...new Set([...rest.events.map((e) => e.stream), ...(rest.expected?.keys() ?? [])])]
    const revisions = new Map(await Promise.all(streams.map(async (s) => [s, await revisionOf(s)] as const)))
    const planned = planAppend(
      rest,
      {
        findByIds: (xs) => new Map(xs.flatMap((x) => (found.has(x) ? [[x, found.get(x)!] as const] : []))),
        revisionOf: (s) => revisions.get(s) ?? null,
      },
      options.clock()
    )
    if (partial && E.isRight(planned) && !planned.right.duplicate) {
      // Content of the part already written must match, as for a whole repeat.
      const again = planAppend(
        { ...request, events: request.events.filter((e) => found.has(e.id)) },
        { findByIds: () => found, revisionOf: () => null },
        options.clock()
      )
      if (E.isLeft(again)) return again
    }
    return E.map((p: Exclude<typeof planned, E.Left<unknown>>['right']) => ({ plan: p, found }))(planned)
  }

  const append = async (request: AppendRequest): Promise<E.Either<AppendError, AppendResult>> => {
    try {
      const planned = await plan(request)
      if (E.isLeft(planned)) return planned
      const { plan: p, found } = planned.right
      if (p.duplicate) return E.right({ duplicate: true, events: p.events })
      // Runs of consecutive events of one stream, in the batch's order, so `$all` keeps that order.
      const runs: Array<{ stream: string; rows: Array<(typeof p.rows)[number]> }> = []
      for (const row of p.rows) {
        const last = runs.at(-1)
        if (last?.stream === row.stream) last.rows.push(row)
        else runs.push({ stream: row.stream, rows: [row] })
      }
      for (const { stream, rows } of runs) {
        const first = rows[0]!.revision
        await client.appendToStream(
          stream,
          rows.map((r) =>
            jsonEvent({
              id: r.id,
              type: r.type,
              data: r.data as Record<string, unknown>,
              metadata: { recordedAt: r.recordedAt, actor: r.actor, schemaVersion: r.schemaVersion },
            })
          ),
          { expectedRevision: first === 0n ? NO_STREAM : first - 1n }
        )
      }
      signal.notify()
      // Positions come from `$all`: the index's catch-up reads back what was just written.
      const written = await sync()
      // Another append of this process may have indexed some of them first: read those back by id.
      const elsewhere = p.rows.filter((r) => !written.has(r.id)).map((r) => r.id)
      const late = elsewhere.length > 0 ? await findEvents(elsewhere) : new Map<string, RecordedEvent>()
      const events = request.events.map((e) => written.get(e.id) ?? late.get(e.id) ?? found.get(e.id)!)
      return E.right({ duplicate: false, events })
    } catch (e) {
      if (e instanceof WrongExpectedVersionError) {
        const actual = e.actualVersion
        return E.left({
          _tag: 'WrongExpectedVersion',
          stream: e.streamName,
          expected: request.expected?.get(e.streamName) ?? 'any',
          actual: typeof actual === 'bigint' ? actual : null,
        })
      }
      if (isUnavailable(e) || e instanceof StoreUnavailableError)
        return E.left({
          _tag: 'StoreUnavailable',
          detail:
            e instanceof StoreUnavailableError ? e.message.replace(/^事件存储暂时不可用：/, '') : describe(e),
        })
      throw e
    }
  }

  const headPosition = () => reading(headPositionNow)
  const headPositionNow = async () => {
    let before: bigint | undefined
    for (;;) {
      const page: ResolvedEvent[] = []
      for await (const r of client.readAll({
        direction: 'backwards',
        fromPosition: before === undefined ? END : { commit: before, prepare: before },
        maxCount: PAGE,
      }))
        page.push(r)
      const user = page.find((r) => !isSystem(r))
      if (user) return user.event!.position!.commit
      if (page.length < PAGE) return 0n
      before = page.at(-1)!.event!.position!.commit
    }
  }

  /** Whether `$all` holds the event `id` at `position` (one small read). */
  const holds = async (known: { readonly id: string; readonly position: bigint }): Promise<boolean> => {
    let same = false
    try {
      // Read to its end (one event): leaving a gRPC stream early is not a clean cancel.
      for await (const r of client.readAll({
        fromPosition: { commit: known.position, prepare: known.position },
        maxCount: 1,
      }))
        same = r.event?.id === known.id && r.event.position?.commit === known.position
    } catch (e) {
      if (isUnavailable(e)) throw e
      // A position the server no longer has may be refused: not held.
    }
    return same
  }

  /**
   * The first user event in `$all` (`esdb:<id>@<position>`): written once and never moved, so it names this
   * database — a server restarted empty, or another cluster, answers another. Checked again at its known position
   * (one small read); only when that fails is `$all` read from the start.
   */
  let first: { readonly id: string; readonly position: bigint } | undefined
  const identityNow = async (): Promise<string> => {
    if (first !== undefined && !(await holds(first))) first = undefined
    if (first === undefined) {
      const [e] = await readAllNow({ maxCount: 1 })
      if (e === undefined) return EMPTY
      first = { id: e.id, position: e.position }
    }
    return identityOf(first)
  }

  return {
    append,
    readStream,
    readAll,
    headPosition,
    identity: () => reading(identityNow),
    findEvents,
    findByKeys,
    subscribe: (o, handler) =>
      esdbSubscription(client, excludeSystemEvents(), o.after, handler, headPosition),
    close: async () => {
      index.close()
      await client.dispose()
    },
  }
}
