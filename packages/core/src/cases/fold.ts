/**
 * @module The case fold: each case of a unit with its attributes, folded from the case's facts (SPEC §4 "Case
 * metrics"). The one place case attributes are computed, for replay, projections and the API alike.
 *
 * The facts are those scoring sees at the cut (both time bases, retractions and returns applied), and only the
 * ones counting on or before `until` (the period's end): a case closed in January is open in last year's
 * closure rate, and the first-instance loss of a case appealed next year is last year's outcome — each year is
 * scored on what had happened by its end, so a published year never changes because of the next one.
 */
import { CASE_FOLLOW_UPS } from '../events/case'
import type { Fact, UnitFacts } from '../facts/fact'
import type { CaseBy } from '../scheme/metric'
import type { Semantics } from '../scheme/scheme'
import type { CaseAttributes, PeriodAttributes } from './attributes'

export interface CaseRecord {
  readonly caseId: string
  readonly attributes: CaseAttributes
  /** The dates `by` puts the case in a period with: each event's `countsOn ?? occurredOn`. */
  readonly dates: {
    readonly opened: string
    readonly closed: string | null
    readonly decided: string | null
  }
  /** The case's facts in the fold, in log order. */
  readonly facts: ReadonlyArray<Fact>
  /** Each hearing's date (`countsOn ?? occurredOn`) and whether the leader appeared, for `PeriodAttributes`. */
  readonly hearings: ReadonlyArray<readonly [on: string, leaderAppeared: boolean]>
  /** Each defence's date and whether it was on time, for `PeriodAttributes`. */
  readonly defenses: ReadonlyArray<readonly [on: string, onTime: boolean]>
  /**
   * Its opening and standing closing, and each extension of its time limit in log order: the facts a statutory clock
   * reads (time-limit.ts) — when each really happened, when a reporter entered it, whether it was verified.
   */
  readonly opening: Fact
  readonly closing: Fact | null
  readonly extensions: ReadonlyArray<Fact>
}

const INSTANCE_RANK: Readonly<Record<string, number>> = { first: 0, second: 1, retrial: 2, final: 3 }

/**
 * Under semantics 2 (scheme.ts): above the first instance, 维持 and 驳回 (upheld, dismissed) are what the court
 * does to the judgment below — 维持原判, 驳回上诉 — so the case ends as it stood: a first-instance loss upheld on
 * appeal is still a loss (E2: "以最高审级的裁判结果为准"). Any other outcome there is the case's own (won, lost,
 * revoked …), as at the first instance.
 */
const KEEPS_THE_LOWER = new Set(['upheld', 'dismissed'])

interface Draft {
  opened: Fact
  facts: Fact[]
  closed?: Fact
  decided?: Fact
  /** The case's outcome as it stands after `decided` (a higher instance's 维持/驳回 keeps the one below). */
  outcome?: string
  decisions: Fact[]
  performed: boolean
  /** Each hearing's date and whether the leader appeared; each defence's date and whether it was on time. */
  hearings: Array<readonly [string, boolean]>
  defenses: Array<readonly [string, boolean]>
  extensions: Fact[]
}

// Module level, not made per case: under tsx (keepNames) a named closure costs a defineProperty per call.
const countsOnOf = (f: Fact) => f.countsOn
const occurredOnOf = (f: Fact) => f.occurredOn

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)

const bySeq = (a: Fact, b: Fact) => a.seq - b.seq

/**
 * A case's facts in log order, copied to their length (a list grown by push keeps room for 17 in V8, and the
 * runner keeps every case's record). Most cases' facts come in order already (opened, then closed): not sorted.
 */
const inLogOrder = (facts: Fact[]): ReadonlyArray<Fact> => {
  if (facts.length < 2) return facts
  for (let i = 1; i < facts.length; i++)
    if (facts[i - 1]!.seq > facts[i]!.seq) return facts.sort(bySeq).slice()
  return facts.slice()
}

const record = (d: Draft, semantics: Semantics): CaseRecord => {
  const o = d.opened.data
  const closed = d.closed
  const decided = d.decided
  // Semantics 1 (scheme.ts) read the attributes' dates as the facts' occurredOn.
  const dateOf = semantics >= 2 ? countsOnOf : occurredOnOf
  const heard = tally(d.hearings)
  const defended = tally(d.defenses)
  return {
    caseId: String(o.caseId),
    attributes: {
      kind: o.kind as CaseAttributes['kind'],
      subject: str(o.subject),
      caseNumber: str(o.caseNumber),
      // The dates a case counts on (`countsOn ?? occurredOn`), the same ones `by` puts it in a period with: a
      // closing in January counted for December is closed by December 31 in the rate's numerator too.
      openedOn: dateOf(d.opened),
      closedOn: closed ? dateOf(closed) : null,
      closed: closed !== undefined,
      withinTimeLimit: closed ? closed.data.withinTimeLimit === true : null,
      resolution: closed ? str(closed.data.resolution) : null,
      outcome: d.outcome ?? null,
      decidedOn: decided ? dateOf(decided) : null,
      performed: d.performed,
      hearings: heard.count,
      leaderAppearedAll: heard.count > 0 && heard.all,
      defenseOnTime: defended.count === 0 ? null : defended.all,
    },
    dates: {
      opened: d.opened.countsOn,
      closed: closed ? closed.countsOn : null,
      decided: decided ? decided.countsOn : null,
    },
    facts: inLogOrder(d.facts),
    hearings: d.hearings,
    defenses: d.defenses,
    opening: d.opened,
    closing: closed ?? null,
    extensions: d.extensions,
  }
}

/** The unit's cases opened by `until`, in the order they were opened in the log, read under `semantics`. */
export const foldCases = (
  facts: UnitFacts,
  until: string,
  semantics: Semantics
): ReadonlyArray<CaseRecord> => {
  const drafts = new Map<string, Draft>()
  for (const f of facts.get('CaseOpened') ?? []) {
    if (f.countsOn > until) continue
    drafts.set(String(f.data.caseId), {
      opened: f,
      facts: [f],
      decisions: [],
      performed: false,
      hearings: [],
      defenses: [],
      extensions: [],
    })
  }
  for (const type of CASE_FOLLOW_UPS) {
    for (const f of facts.get(type) ?? []) {
      if (f.countsOn > until) continue
      // A follow-up of a case whose opening is not visible (retracted, returned, or later) has no case.
      const d = drafts.get(String(f.data.caseId))
      if (!d) continue
      d.facts.push(f)
      switch (type) {
        case 'HearingHeld':
          d.hearings.push([f.countsOn, f.data.leaderAppeared === true])
          break
        case 'DefenseSubmitted':
          d.defenses.push([f.countsOn, f.data.onTime === true])
          break
        case 'CaseDecided':
          d.decisions.push(f)
          break
        case 'CaseClosed':
          if (!d.closed || f.seq > d.closed.seq) d.closed = f
          break
        case 'RulingPerformed':
          d.performed = true
          break
        case 'CaseExtended':
          d.extensions.push(f)
          break
      }
    }
  }
  for (const d of drafts.values()) if (d.decisions.length > 0) decide(d, semantics)
  return [...drafts.values()].sort((a, b) => a.opened.seq - b.opened.seq).map((d) => record(d, semantics))
}

const rankOf = (f: Fact) => INSTANCE_RANK[String(f.data.instance)] ?? 0

/**
 * The outcome the case ends with, and the decision that gave it: the highest instance's (the later one at the same
 * instance) — unless that one keeps the outcome below, when the case stays decided when it was (a loss of 2017
 * upheld in 2018 is 2017's loss, not a second one in 2018's `by: decided` cohort).
 */
const decide = (d: Draft, semantics: Semantics) => {
  const ordered =
    d.decisions.length === 1
      ? d.decisions
      : [...d.decisions].sort((a, b) => rankOf(a) - rankOf(b) || a.seq - b.seq)
  for (const f of ordered) {
    const outcome = String(f.data.outcome)
    // Semantics 1 (scheme.ts) took the highest instance's word as it stands.
    if (semantics >= 2 && rankOf(f) > 0 && d.outcome !== undefined && KEEPS_THE_LOWER.has(outcome)) continue
    d.outcome = outcome
    d.decided = f
  }
}

// Module level, not inside `inPeriod`: under tsx (keepNames) a named closure costs a defineProperty per call,
// and this runs for every case of every case metric.
const within = (d: string | null, from: string, to: string) => d !== null && d >= from && d <= to

/**
 * Whether `by` puts a case in the period [from, to]. `overdueOpen`: the case is open and past its time limit at the
 * evaluation date (time-limit.ts; only `closedOrOverdue` reads it, and only its caller knows the scheme's limits).
 */
export const inPeriod = (
  c: CaseRecord,
  by: CaseBy,
  from: string,
  to: string,
  overdueOpen = false
): boolean => {
  switch (by) {
    case 'closedOrOverdue':
      return within(c.dates.closed, from, to) || overdueOpen
    case 'opened':
      return within(c.dates.opened, from, to)
    case 'closed':
      return within(c.dates.closed, from, to)
    case 'decided':
      return within(c.dates.decided, from, to)
    case 'active':
      return c.dates.opened <= to && !(c.dates.closed !== null && c.dates.closed < from)
  }
}

/** How many of the dated steps fall in [from, to] (all of them by default), and whether each of those holds. */
const tally = (steps: ReadonlyArray<readonly [string, boolean]>, from = '', to = '\uffff') => {
  let count = 0
  let all = true
  for (const [on, holds] of steps)
    if (on >= from && on <= to) {
      count += 1
      if (!holds) all = false
    }
  return { count, all }
}

/** {@link PeriodAttributes} of a case over [from, to]. */
export const periodAttributes = (c: CaseRecord, from: string, to: string): PeriodAttributes => {
  const heard = tally(c.hearings, from, to)
  const defended = tally(c.defenses, from, to)
  return {
    hearingsInPeriod: heard.count,
    leaderAppearedAllInPeriod: heard.count > 0 && heard.all,
    defenseOnTimeInPeriod: defended.count === 0 ? null : defended.all,
  }
}

const folds = new WeakMap<UnitFacts, Map<string, ReadonlyArray<CaseRecord>>>()

/** {@link foldCases}, computed once per unit's facts, period end and semantics. */
export const casesOf = (facts: UnitFacts, until: string, semantics: Semantics): ReadonlyArray<CaseRecord> => {
  let byEnd = folds.get(facts)
  if (!byEnd) {
    byEnd = new Map()
    folds.set(facts, byEnd)
  }
  const key = `${until}|${semantics}`
  const known = byEnd.get(key)
  if (known) return known
  const cases = foldCases(facts, until, semantics)
  byEnd.set(key, cases)
  return cases
}
