/**
 * @module The application's append command — the only way events get in (HTTP batch and stream routes,
 * spreadsheet uploads, CLI import, the demo loader). Every envelope is decoded with the core codecs; the part of
 * the log the batch can touch is read; each event is checked for authority (core `authorize`, SPEC §3
 * "Authority") and against the log with the same rules as an event file (units registered, corrections aimed at
 * real events of the same unit, case lifecycle by the core decider, scheme versions in sequence, each business id
 * held once per unit); then the batch is appended with the revisions that were read — so two writers cannot both
 * decide the same case instance. All-or-nothing.
 */
import {
  authorize,
  type CaseState,
  type CaseStreamEvent,
  caseLifecycle,
  checkNext,
  type DomainEvent,
  decodeEvent,
  type EventType,
  emptyLog,
  fingerprint,
  formatActor,
  type Issue,
  isEventType,
  type LogState,
  noteEvent,
  type Principal,
  schemeStream,
  streamOf,
  targetOf,
  toIssues,
  UNITS_STREAM,
} from '@kaoping/core'
import type {
  AppendError,
  AppendResult,
  EventStore,
  EvidenceStore,
  ExpectedRevision,
  NewEvent,
  RecordedEvent,
} from '@kaoping/store'
import * as E from 'fp-ts/Either'
import { batchKeys, preloadKeys } from './business-ids'
import { checkCycle } from './cycle-check'
import { ClientEnvelope } from './envelope'
import { checkEvidence } from './evidence-check'
import { withKeys } from './key-locks'
import { newEventIssues } from './new-events'
import { decidedAgainAfterMidnight, recordByOf } from './record-by'
import { schemeReferenceIssues } from './scheme-refs'
import { reportersVerifiedTargets } from './verified-targets'

/** What the command can answer besides success: the store's outcomes, or an authority refusal (403). */
export type CommandError =
  | AppendError
  | { readonly _tag: 'NotAllowed'; readonly issues: ReadonlyArray<Issue> }

export interface AppendContext {
  /** Who appends: checked against each event's authority and recorded as the events' actor. */
  readonly principal: Principal
  /** Supplies ids for envelopes that come without one. */
  readonly newId: () => string
  /** When set, every event must belong to this stream (an append addressed to one stream). */
  readonly stream?: string
  /**
   * Where evidence files are kept (SPEC §9): every referenced file must be stored, and the references are noted
   * (`evidence-check.ts`). When absent the check is skipped — only for tests and fixtures that record no
   * evidence; the API and the CLI always pass it.
   */
  readonly evidence?: EvidenceStore
  /** The recording instant (ISO-8601) for the cycle's time rules; the clock when absent. */
  readonly now?: () => string
  /**
   * The store's `recordBy` for an injected `now` (the publish command, deciding at the instant it took); when `now`
   * is the clock, the end of its Beijing day (record-by.ts).
   */
  readonly recordBy?: string
  /**
   * Set only by the publish command (`publish-result.ts`), which computed the Result and its hash itself: a
   * `ResultPublished` from anywhere else would be a published ranking nobody computed (SPEC §8 step 4).
   */
  readonly sealed?: true
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

  const targets = batch.flatMap((d) => targetOf(d.event) ?? [])
  const known = await store.findEvents([...batch.map((d) => d.id), ...targets])
  for (const [id, e] of known) {
    // Stored data is kept as written, so compare what the client wrote with what was stored.
    log.ids.set(id, fingerprint(e.type, e.data))
    if (isEventType(e.type)) noteEvent(log, id, e.type, e.actor)
    const unitId = (e.data as { unitId?: unknown }).unitId
    if (typeof unitId === 'string' && e.type !== 'UnitRegistered') log.unitOf.set(id, unitId)
  }
  // SPEC §3 "Business ids": who holds the keys the batch records or frees, by the store's key index.
  await preloadKeys(store, batch, known, log)

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
  const schemeIds = new Set(
    batch.flatMap((d) =>
      d.event.type === 'SchemePublished' || d.event.type === 'ResultPublished' ? [d.event.data.schemeId] : []
    )
  )
  for (const schemeId of schemeIds) {
    const stream = schemeStream(schemeId)
    const all = await store.readStream(stream)
    remember(stream, all)
    const versions = all.flatMap((e) =>
      e.type === 'SchemePublished' ? [(e.data as { version: number }).version] : []
    )
    if (versions.length > 0) log.schemes.set(schemeId, Math.max(...versions))
  }
  return { log, revisions }
}

/** The authority check for every event, in batch order; a correction's target may come earlier in the batch. */
const authorityIssues = (
  batch: ReadonlyArray<Decoded>,
  log: LogState,
  principal: Principal,
  /** Stored targets the 考核组 verified (verified-targets.ts; read for reporters only). */
  verified: ReadonlySet<string>
): Issue[] => {
  const actor = formatActor(principal)
  const inBatch = new Map<string, { type: EventType; unitId?: string }>()
  const issues: Issue[] = []
  batch.forEach((d, i) => {
    const targetId = targetOf(d.event)
    const fromBatch = targetId === undefined ? undefined : inBatch.get(targetId)
    const type = targetId === undefined ? undefined : (fromBatch?.type ?? log.typeOf.get(targetId))
    const target =
      targetId === undefined || type === undefined
        ? undefined
        : fromBatch
          ? { type, actor, ...(fromBatch.unitId === undefined ? {} : { unitId: fromBatch.unitId }) }
          : {
              type,
              actor: log.actorOf.get(targetId) ?? '',
              ...(log.unitOf.has(targetId) ? { unitId: log.unitOf.get(targetId)! } : {}),
              verified: verified.has(targetId),
            }
    const problem = authorize(principal, d.event, target)
    if (problem) issues.push({ path: `events.${i}.${problem.path}`, message: problem.message })
    const unitId = (d.event.data as { unitId?: string }).unitId
    inBatch.set(d.id, { type: d.event.type, ...(unitId === undefined ? {} : { unitId }) })
  })
  return issues
}

/** The same id twice in one batch: one event cannot be two (a client bug, answered plainly). */
const repeatedIds = (batch: ReadonlyArray<Decoded>): Issue[] => {
  const first = new Map<string, number>()
  const issues: Issue[] = []
  batch.forEach((d, i) => {
    const j = first.get(d.id)
    if (j === undefined) first.set(d.id, i)
    else
      issues.push({
        path: `events.${i}.id`,
        message: `事件 id ${d.id} 在本批次中重复出现（第 ${j} 个事件已使用）`,
      })
  })
  return issues
}

export const appendValidated = async (
  store: EventStore,
  envelopes: ReadonlyArray<unknown>,
  ctx: AppendContext
): Promise<E.Either<CommandError, AppendResult>> => {
  if (envelopes.length === 0)
    return E.left({ _tag: 'Rejected', issues: [{ path: 'events', message: '至少需要一个事件' }] })
  const decoded = decodeAll(envelopes, ctx)
  if (E.isLeft(decoded)) return E.left({ _tag: 'Rejected', issues: decoded.left })
  const batch = decoded.right
  const repeated = repeatedIds(batch)
  if (repeated.length > 0) return E.left({ _tag: 'Rejected', issues: repeated })
  // Two requests recording the same business id at once are checked one after the other (business-ids.ts).
  const attempt = () => withKeys(store, batchKeys(batch), () => checkAndAppend(store, batch, ctx))
  // An instant that is the caller's is not ours to move (the publish command recomputes at a new one itself).
  return ctx.now === undefined ? decidedAgainAfterMidnight(attempt) : attempt()
}

const checkAndAppend = async (
  store: EventStore,
  batch: ReadonlyArray<Decoded>,
  ctx: AppendContext
): Promise<E.Either<CommandError, AppendResult>> => {
  const { log, revisions } = await preload(store, batch)
  const now = ctx.now?.() ?? new Date().toISOString()
  const recordBy = ctx.now === undefined ? recordByOf(now) : ctx.recordBy

  // Authority first: a role that may not record an event learns nothing about the log from other checks.
  const verified = await reportersVerifiedTargets(
    store,
    batch.map((d) => d.event),
    log,
    ctx.principal
  )
  const forbidden = authorityIssues(batch, log, ctx.principal, verified)
  if (forbidden.length > 0) return E.left({ _tag: 'NotAllowed', issues: forbidden })
  const fresh = newEventIssues(batch, {
    principal: ctx.principal,
    now,
    typeOf: (id) => log.typeOf.get(id),
    cases: log.cases,
  })
  if (fresh.length > 0) return E.left({ _tag: 'Rejected', issues: fresh })

  // A reused id with other content is a conflict (409), not a validation problem.
  for (const d of batch) {
    const seen = log.ids.get(d.id)
    if (seen !== undefined && seen !== fingerprint(d.event.type, d.raw))
      return E.left({ _tag: 'IdConflict', id: d.id })
  }
  const issues: Issue[] = await schemeReferenceIssues(
    store,
    batch.map((d) => d.event)
  )
  batch.forEach((d, i) => {
    const checked = checkNext(log, d.id, d.event, fingerprint(d.event.type, d.raw))
    if (E.isLeft(checked))
      issues.push(...checked.left.map((x) => ({ path: `events.${i}.${x.path}`, message: x.message })))
    else noteEvent(log, d.id, d.event.type, formatActor(ctx.principal))
  })
  if (!ctx.sealed)
    batch.forEach((d, i) => {
      if (d.event.type === 'ResultPublished')
        issues.push({
          path: `events.${i}.type`,
          message: '考核结果须由服务器计算并发布（POST /v1/schemes/{schemeId}/publications），不能直接写入',
        })
    })
  if (issues.length > 0) return E.left({ _tag: 'Rejected', issues })

  // SPEC §8, the assessment cycle (appeal window, decisions, publications): see cycle-check.ts.
  const cycle = await checkCycle(store, batch, revisions, now)
  if (cycle.length > 0) return E.left({ _tag: 'Rejected', issues: cycle })

  const events: NewEvent[] = batch.map((d) => {
    const target = targetOf(d.event)
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
  // Evidence (SPEC §9), last: files must be stored; the references are noted for the reporter read rule.
  if (ctx.evidence) {
    const missing = await checkEvidence(
      ctx.evidence,
      events,
      ctx.principal.role === 'reporter' ? ctx.principal.unitId : undefined
    )
    if (missing.length > 0)
      return E.left({
        _tag: 'Rejected',
        issues: missing.map(({ index, ...i }) => ({ ...i, path: `events.${index}.${i.path}` })),
      })
  }
  return store.append({
    events,
    expected,
    actor: formatActor(ctx.principal),
    ...(recordBy === undefined ? {} : { recordBy }),
  })
}
