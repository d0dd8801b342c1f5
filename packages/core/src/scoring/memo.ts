/**
 * @module Indicator and rule outcomes kept between evaluations of one unit — for the projection runner, which
 * re-scores a unit on each of its events (replay keeps none). An outcome is a function of the fact lists its metric
 * reads, the period (its scheme's) and the evaluation date; when an event changes one list, only the outcomes that
 * read it are computed again: a training re-scores the training indicators, a case step the case fold and the case
 * indicators. Lists are compared fact by fact by identity (`select` hands out the same fact object for an event
 * that did not change), so a hit is exact, never a guess, and the Result stays byte-identical to replay's.
 */
import { CASE_FOLLOW_UPS } from '../events/case'
import type { EventType } from '../events/catalog'
import type { Fact, UnitFacts } from '../facts/fact'
import { CASES, leavesOf, type Metric, type MetricRef } from '../scheme/metric'

const CASE_TYPES: ReadonlyArray<EventType> = ['CaseOpened', ...CASE_FOLLOW_UPS]

/** The event types a metric reads, a named metric's resolved (validation guarantees it exists). */
export const typesRead = (
  ref: MetricRef,
  named: Readonly<Record<string, Metric>>
): ReadonlyArray<EventType> => [
  ...new Set(leavesOf(ref, named).flatMap((m) => (m.type === CASES ? CASE_TYPES : [m.type as EventType]))),
]

/**
 * Whether a metric's value depends on the evaluation date through a case's time limit: a case still open becomes
 * overdue on a day no event marks (`by: "closedOrOverdue"`, a where on `overdue`).
 */
export const readsToday = (ref: MetricRef, named: Readonly<Record<string, Metric>>): boolean =>
  leavesOf(ref, named).some(
    (m) =>
      m._tag === 'count' &&
      m.type === CASES &&
      (m.by === 'closedOrOverdue' || (m.where !== undefined && 'overdue' in m.where))
  )

interface Entry {
  /** The types the indicator or rule reads: fixed by the scheme, so found once. */
  readonly types: ReadonlyArray<EventType>
  readonly inputs: ReadonlyArray<ReadonlyArray<Fact>>
  readonly today: string | undefined
  readonly outcome: unknown
}

/** One unit's outcomes under one scheme version, by the indicator or rule object of the decoded scheme. */
export type UnitMemo = Map<object, Entry>

const EMPTY: ReadonlyArray<Fact> = []

const sameFacts = (a: ReadonlyArray<Fact>, b: ReadonlyArray<Fact>): boolean => {
  if (a === b) return true
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** `compute()`, or the outcome it gave for the same lists of these types and the same date (undefined: not read). */
export const memoized = <T>(
  memo: UnitMemo | undefined,
  key: object,
  typesOf: () => ReadonlyArray<EventType>,
  facts: UnitFacts,
  today: string | undefined,
  compute: () => T
): T => {
  if (!memo) return compute()
  const hit = memo.get(key)
  const types = hit?.types ?? typesOf()
  const inputs = types.map((t) => facts.get(t) ?? EMPTY)
  if (hit && hit.today === today) {
    let same = true
    for (let i = 0; same && i < inputs.length; i++) same = sameFacts(hit.inputs[i]!, inputs[i]!)
    if (same) return hit.outcome as T
  }
  const outcome = compute()
  memo.set(key, { types, inputs, today, outcome })
  return outcome
}
