/**
 * @module Importing an NDJSON event file (`kaoping import`): the whole file is checked against what the store
 * already holds with the same log rules as any append and the same authority check, as the importing role
 * (admin by default), then stored in one batch or not at all. An admin's import is a trusted re-load of an
 * export: it keeps each line's id, recordedAt and actor. Anyone else's lines are recorded now, as them.
 */
import {
  authorize,
  beijingTime,
  checkNext,
  decodeEvent,
  emptyLog,
  fingerprint,
  formatActor,
  type Issue,
  instantMs,
  isEventType,
  type LineIssue,
  noteEvent,
  type Principal,
  readLog,
  streamOf,
  targetOf,
} from '@kaoping/core'
import {
  type AppendError,
  type EventStore,
  type EvidenceStore,
  type NewEvent,
  readEverything,
} from '@kaoping/store'
import * as E from 'fp-ts/Either'
import { checkCycle } from './cycle-check'
import { checkEvidence } from './evidence-check'
import { newEventIssues } from './new-events'
import { decidedAgainAfterMidnight, recordByOf } from './record-by'
import { schemeReferenceIssues } from './scheme-refs'
import { reportersVerifiedTargets } from './verified-targets'

export type ImportError =
  | { readonly _tag: 'BadLines'; readonly issues: ReadonlyArray<LineIssue> }
  | { readonly _tag: 'NotAllowed'; readonly issues: ReadonlyArray<Issue & { readonly line: number }> }
  | AppendError

export interface Imported {
  readonly imported: number
  /** Lines that repeat events already stored (same id and content). */
  readonly skipped: number
}

/** The demo loader and `kaoping import` without `--role`: the city's own trusted re-load. */
export const IMPORT_ADMIN: Principal = { role: 'admin', name: 'import' }

export const importLog = async (
  store: EventStore,
  text: string,
  principal: Principal = IMPORT_ADMIN,
  /** Where evidence files are kept: referenced files must be stored (load them first); absent: not checked. */
  options: { readonly evidence?: EvidenceStore } = {}
): Promise<E.Either<ImportError, Imported>> => {
  // A new line's time rules are decided by today's date (record-by.ts); a re-load keeps each line's own instant.
  return decidedAgainAfterMidnight(() => importOnce(store, text, principal, options))
}

const importOnce = async (
  store: EventStore,
  text: string,
  principal: Principal,
  options: { readonly evidence?: EvidenceStore }
): Promise<E.Either<ImportError, Imported>> => {
  const log = emptyLog()
  // The latest recording instant already stored: a re-load may only continue the log after it (below).
  let lastMs = Number.NEGATIVE_INFINITY
  let last: string | undefined
  for await (const e of readEverything(store)) {
    const ms = instantMs(e.recordedAt)
    if (ms >= lastMs) [lastMs, last] = [ms, e.recordedAt]
    const decoded = decodeEvent(e.type, e.data)
    // Stored events passed these rules when they were appended; folding them rebuilds the log's state.
    if (E.isRight(decoded) && E.isRight(checkNext(log, e.id, decoded.right, fingerprint(e.type, e.data))))
      if (isEventType(e.type)) noteEvent(log, e.id, e.type, e.actor)
  }
  const stored = new Set(log.ids.keys())
  // The cases as stored, before the file's lines fold into them (new-events.ts judges a line against these).
  const casesBefore = new Map(log.cases)
  const read = readLog(text, log)
  if (E.isLeft(read)) return E.left({ _tag: 'BadLines', issues: read.left })
  const trusted = principal.role === 'admin'
  const actor = formatActor(principal)
  const verified = await reportersVerifiedTargets(store, read.right, log, principal)
  const forbidden = read.right.flatMap((e) => {
    const targetId = targetOf(e)
    const type = targetId === undefined ? undefined : log.typeOf.get(targetId)
    const unitId = targetId === undefined ? undefined : log.unitOf.get(targetId)
    const target =
      targetId === undefined || type === undefined
        ? undefined
        : {
            type,
            // A target from this same file is recorded now, by the importer.
            actor: stored.has(targetId) ? (log.actorOf.get(targetId) ?? '') : actor,
            ...(unitId === undefined ? {} : { unitId }),
            verified: verified.has(targetId),
          }
    const problem = authorize(principal, e, target)
    return problem ? [{ line: e.seq, ...problem }] : []
  })
  if (forbidden.length > 0) return E.left({ _tag: 'NotAllowed', issues: forbidden })
  // SPEC §8, the assessment cycle's rules, each line decided at its recording instant (see cycle-check.ts).
  const now = new Date().toISOString()
  // Lines recorded now are new events (new-events.ts); an admin's re-load brings back old ones.
  const fresh = trusted
    ? []
    : newEventIssues(
        read.right.map((e) => ({ id: e.id, event: e })),
        {
          principal,
          now,
          typeOf: (id) => (stored.has(id) ? log.typeOf.get(id) : undefined),
          cases: casesBefore,
        }
      )
  // An admin's re-load keeps each line's recordedAt: into a log that already holds later events, a backdated line
  // would rewrite what the system said then (an as-of ranking at a publication's instant) while every
  // publication, cut by log position, still verifies. So a re-load continues the log; it never goes back before it.
  const backdated: Issue[] = trusted
    ? read.right.flatMap((e, i) =>
        instantMs(e.recordedAt) < lastMs
          ? [
              {
                path: `events.${i}.recordedAt`,
                message: `记录时间（北京时间 ${beijingTime(e.recordedAt)}）早于库中已有事件的最后记录时间（北京时间 ${beijingTime(last!)}）：载入只能接在已有事件之后，不能改写已记录的历史`,
              },
            ]
          : []
      )
    : []
  const refused = [...backdated, ...fresh]
  if (refused.length > 0)
    return E.left({ _tag: 'BadLines', issues: refused.map((x) => atLine(x, read.right)) })
  const batch = read.right.map((e) => ({ id: e.id, event: e }))
  // The streams the cycle's decisions were read from are expected unchanged when the file is appended.
  const revisions = new Map<string, bigint | null>()
  const cycle = await checkCycle(
    store,
    batch,
    revisions,
    (i) => (trusted ? read.right[i]!.recordedAt : now),
    {
      trusted,
    }
  )
  // The same scheme references as any append: adjustments and judged points name an existing indicator.
  const refs = await schemeReferenceIssues(store, read.right)
  const ruled = [...cycle, ...refs]
  if (ruled.length > 0) return E.left({ _tag: 'BadLines', issues: ruled.map((x) => atLine(x, read.right)) })
  const all = text.split('\n')
  const lines = all.filter((l) => l.trim() !== '').length
  if (read.right.length === 0) return E.right({ imported: 0, skipped: lines })
  const events = read.right.map(
    (e): NewEvent => ({
      id: e.id,
      type: e.type,
      // Stored as written (the line's own data, not its decoded form), so export gives back the same bytes.
      data: (JSON.parse(all[e.seq - 1]!) as { data: unknown }).data,
      stream: streamOf(e, targetOf(e) === undefined ? undefined : log.caseOf.get(targetOf(e)!)),
      ...(trusted ? { recordedAt: e.recordedAt, actor: e.actor ?? actor } : {}),
    })
  )
  // Evidence (SPEC §9), as on append: every referenced file stored; see evidence-check.ts.
  if (options.evidence) {
    const missing = await checkEvidence(
      options.evidence,
      events,
      principal.role === 'reporter' ? principal.unitId : undefined
    )
    if (missing.length > 0)
      return E.left({
        _tag: 'BadLines',
        issues: missing.map(({ index, ...i }) => ({ ...i, line: read.right[index]!.seq })),
      })
  }
  const expected = new Map([...revisions].map(([stream, r]) => [stream, r ?? ('no_stream' as const)]))
  // Lines recorded now were judged by today's date (Beijing); a re-load keeps each line's own instant.
  const appended = await store.append({
    events,
    expected,
    actor,
    ...(trusted ? {} : { recordBy: recordByOf(now) }),
  })
  return E.map(() => ({ imported: events.length, skipped: lines - events.length }))(appended)
}

/** `events.3.data.appealId` of the checked batch → line of that event, path `data.appealId`. */
const atLine = (issue: Issue, events: ReadonlyArray<{ readonly seq: number }>): LineIssue => {
  const m = /^events\.(\d+)\.?(.*)$/.exec(issue.path)
  return m
    ? { line: events[Number(m[1])]!.seq, path: m[2]!, message: issue.message }
    : { line: 0, path: issue.path, message: issue.message }
}
