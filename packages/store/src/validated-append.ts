/**
 * @module The only way events get in: every envelope decoded with the core codecs, the batch checked against
 * the log with the same rules as an event file (units registered, retractions aimed at real events, case
 * lifecycle by the core decider, scheme versions in sequence), then appended with the revisions that were
 * read — so two writers cannot both decide the same case instance. All-or-nothing.
 */
import {
  type CaseState,
  type CaseStreamEvent,
  caseLifecycle,
  checkNext,
  type DomainEvent,
  decodeEvent,
  emptyLog,
  fingerprint,
  type Issue,
  type LogState,
  schemeStream,
  streamOf,
  toIssues,
  UNITS_STREAM,
} from '@kaoping/core'
import * as E from 'fp-ts/Either'
import { ClientEnvelope } from './envelope'
import type { AppendError } from './errors'
import type { AppendResult, EventStore, ExpectedRevision, NewEvent, RecordedEvent } from './port'

export interface AppendContext {
  readonly actor: string
  /** Supplies ids for envelopes that come without one. */
  readonly newId: () => string
  /** When set, every event must belong to this stream (an append addressed to one stream). */
  readonly stream?: string
}

interface Decoded {
  readonly id: string
  /** Decoded, for the checks; a scheme's metrics, for one, decode into another shape. */
  readonly event: DomainEvent
  /** As the client wrote it: what is stored, so it decodes again the same way forever. */
  readonly raw: unknown
  readonly expectedRevision?: ExpectedRevision
}

const CASE_PREFIX = 'case-'

const decodeAll = (envelopes: ReadonlyArray<unknown>, ctx: AppendContext): E.Either<Issue[], Decoded[]> => {
  const issues: Issue[] = []
  const decoded: Decoded[] = []
  envelopes.forEach((raw, i) => {
    const at = (issue: Issue) => ({
      path: `events.${i}${issue.path ? `.${issue.path}` : ''}`,
      message: issue.message,
    })
    const envelope = ClientEnvelope.decode(raw)
    if (E.isLeft(envelope)) {
      issues.push(...toIssues(envelope.left).map(at))
      return
    }
    const { id, type, data, expectedRevision } = envelope.right
    const event = decodeEvent(type, data)
    if (E.isLeft(event)) {
      issues.push(...event.left.map(at))
      return
    }
    const expected =
      expectedRevision === undefined
        ? undefined
        : typeof expectedRevision === 'number'
          ? BigInt(expectedRevision)
          : expectedRevision
    decoded.push({
      id: id ?? ctx.newId(),
      event: event.right,
      raw: data,
      ...(expected === undefined ? {} : { expectedRevision: expected }),
    })
  })
  return issues.length > 0 ? E.left(issues) : E.right(decoded)
}

/** Loads just the part of the log this batch can touch into a LogState for the shared checker. */
const preload = async (store: EventStore, batch: ReadonlyArray<Decoded>) => {
  const log: LogState = emptyLog()
  const revisions = new Map<string, bigint | null>()
  const remember = (stream: string, events: ReadonlyArray<RecordedEvent>) =>
    revisions.set(stream, events.length > 0 ? events[events.length - 1]!.revision : null)

  const units = await store.readStream(UNITS_STREAM)
  for (const e of units) log.units.add((e.data as { unitId: string }).unitId)

  const targets = batch.flatMap((d) =>
    d.event.type === 'EventRetracted' ? [d.event.data.targetEventId] : []
  )
  const known = await store.findEvents([...batch.map((d) => d.id), ...targets])
  for (const [id, e] of known) {
    log.ids.set(id, fingerprint(e.type, e.data))
    const unitId = (e.data as { unitId?: unknown }).unitId
    if (typeof unitId === 'string' && e.type !== 'UnitRegistered') log.unitOf.set(id, unitId)
  }

  const caseIds = new Set<string>()
  for (const d of batch) if ('caseId' in d.event.data) caseIds.add(d.event.data.caseId as string)
  for (const id of targets) {
    const stream = known.get(id)?.stream
    if (stream?.startsWith(CASE_PREFIX)) caseIds.add(stream.slice(CASE_PREFIX.length))
  }
  for (const caseId of caseIds) {
    const stream = `${CASE_PREFIX}${caseId}`
    const history = await store.readStream(stream)
    remember(stream, history)
    let state: CaseState = caseLifecycle.initialState()
    for (const e of history) {
      state = caseLifecycle.evolve(state, { id: e.id, type: e.type, data: e.data } as CaseStreamEvent)
      log.caseOf.set(e.id, caseId)
    }
    log.cases.set(caseId, state)
  }
  for (const d of batch) {
    if (d.event.type !== 'SchemePublished') continue
    const stream = schemeStream(d.event.data.schemeId)
    const last = await store.readStream(stream, { direction: 'backwards', maxCount: 1 })
    remember(stream, last)
    const version = (last[0]?.data as { version?: number } | undefined)?.version
    if (version !== undefined) log.schemes.set(d.event.data.schemeId, version)
  }
  return { log, revisions }
}

export const appendValidated = async (
  store: EventStore,
  envelopes: ReadonlyArray<unknown>,
  ctx: AppendContext
): Promise<E.Either<AppendError, AppendResult>> => {
  if (envelopes.length === 0)
    return E.left({ _tag: 'Rejected', issues: [{ path: 'events', message: '至少需要一个事件' }] })
  const decoded = decodeAll(envelopes, ctx)
  if (E.isLeft(decoded)) return E.left({ _tag: 'Rejected', issues: decoded.left })
  const batch = decoded.right
  const { log, revisions } = await preload(store, batch)

  // A reused id with other content is a conflict (409), not a validation problem.
  for (const d of batch) {
    const seen = log.ids.get(d.id)
    if (seen !== undefined && seen !== fingerprint(d.event.type, d.event.data))
      return E.left({ _tag: 'IdConflict', id: d.id })
  }
  const issues: Issue[] = []
  batch.forEach((d, i) => {
    const checked = checkNext(log, d.id, d.event, fingerprint(d.event.type, d.event.data))
    if (E.isLeft(checked))
      issues.push(...checked.left.map((x) => ({ path: `events.${i}.${x.path}`, message: x.message })))
  })
  if (issues.length > 0) return E.left({ _tag: 'Rejected', issues })

  const events: NewEvent[] = batch.map((d) => {
    const target = d.event.type === 'EventRetracted' ? d.event.data.targetEventId : undefined
    return {
      id: d.id,
      type: d.event.type,
      data: d.raw,
      stream: streamOf(d.event, target && log.caseOf.get(target)),
    }
  })
  if (ctx.stream !== undefined) {
    const outside = events.flatMap((e, i) =>
      e.stream === ctx.stream
        ? []
        : [{ path: `events.${i}`, message: `该事件属于流 ${e.stream}，不属于 ${ctx.stream}` }]
    )
    if (outside.length > 0) return E.left({ _tag: 'Rejected', issues: outside })
  }
  // The revisions read are what the decisions were made on; a client's own expectation must agree with them.
  const expected = new Map<string, ExpectedRevision>()
  for (const [stream, revision] of revisions) expected.set(stream, revision ?? 'no_stream')
  for (const [i, d] of batch.entries()) {
    if (d.expectedRevision === undefined || d.expectedRevision === 'any') continue
    const stream = events[i]!.stream
    const ours = expected.get(stream)
    if (ours !== undefined && ours !== d.expectedRevision)
      return E.left({
        _tag: 'WrongExpectedVersion',
        stream,
        expected: d.expectedRevision,
        actual: ours === 'no_stream' ? null : (ours as bigint),
      })
    expected.set(stream, d.expectedRevision)
  }
  return store.append({ events, expected, actor: ctx.actor })
}
