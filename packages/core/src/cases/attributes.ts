/**
 * @module The attributes of a case that a `count: "cases"` metric may filter on (SPEC §4 "Case metrics"),
 * with the kind of value each holds, so schemes can be checked against them like event fields.
 */
import { CaseKind, Outcome, Resolution } from '../events/case'
import { type FieldKind, kindOf } from '../events/fields'

/** A case as of an instant: every attribute the SPEC lists, plus `resolution` and `caseNumber` of its stream. */
export interface CaseAttributes {
  readonly kind: CaseKind
  readonly subject: string | null
  readonly caseNumber: string | null
  /** Dates are the ones the case's facts count on (`countsOn ?? occurredOn`), as `by` reads them. */
  readonly openedOn: string
  /** null while open. */
  readonly closedOn: string | null
  readonly closed: boolean
  /** null while open. */
  readonly withinTimeLimit: boolean | null
  /** How it was closed (调解、裁决 …); null while open or when not recorded. */
  readonly resolution: string | null
  /**
   * Outcome of the decision at the highest instance (first < second < retrial < final); null before any. Above the
   * first instance, 维持/驳回 (upheld, dismissed) keep the outcome below.
   */
  readonly outcome: string | null
  readonly decidedOn: string | null
  readonly performed: boolean
  readonly hearings: number
  /** At least one hearing, and the leader appeared at every one. */
  readonly leaderAppearedAll: boolean
  /** Every defence on time; null when none was submitted. */
  readonly defenseOnTime: boolean | null
}

/**
 * What a case did within the period being scored: "年内在办且已开庭的行政诉讼案件" counts a lawsuit heard this
 * year, and whether the leader appeared at this year's hearings — a lawsuit heard in 2016 and never closed is
 * not heard in 2017 (nor held against 2017 for a hearing the leader missed in 2016); likewise its defences.
 */
export interface PeriodAttributes {
  /** The hearings dated (countsOn ?? occurredOn) within the period. */
  readonly hearingsInPeriod: number
  /** At least one hearing within the period, and the leader appeared at every one of them. */
  readonly leaderAppearedAllInPeriod: boolean
  /** Every defence submitted within the period on time; null when none was (按时答辩率 of the year). */
  readonly defenseOnTimeInPeriod: boolean | null
}

/**
 * What a case did against its statutory time limit — the scheme's `timeLimits` for its kind (cases/time-limit.ts);
 * all null for a kind the scheme sets none for.
 */
export interface LimitAttributes {
  /** The last day it may be closed on: its limit from the day it was opened, with extensions approved in time. */
  readonly dueOn: string | null
  /** Closed (`occurredOn`) on or before `dueOn`, and not declared late by the unit (`withinTimeLimit`); null while open. */
  readonly closedOnTime: boolean | null
  /** Closed but not on time, or still open after `dueOn` at the evaluation date (逾期未结). */
  readonly overdue: boolean | null
  /**
   * Closed by `dueOn` by its dates but entered more than the scheme's `entryDays` after it, and not verified: late
   * until the 考核组 verifies it (逾期补录待核实); null while open.
   */
  readonly enteredLate: boolean | null
}

export type CaseAttribute = keyof CaseAttributes | keyof PeriodAttributes | keyof LimitAttributes

/** The attributes only a period gives (`PeriodAttributes`). */
export const PERIOD_ATTRIBUTES: ReadonlySet<string> = new Set<keyof PeriodAttributes>([
  'hearingsInPeriod',
  'leaderAppearedAllInPeriod',
  'defenseOnTimeInPeriod',
])

/** The attributes only the scheme's time limits give (`LimitAttributes`). */
export const LIMIT_ATTRIBUTES: ReadonlySet<string> = new Set<keyof LimitAttributes>([
  'dueOn',
  'closedOnTime',
  'overdue',
  'enteredLate',
])

const date: FieldKind = { kind: 'date' }
const bool: FieldKind = { kind: 'boolean' }
const text: FieldKind = { kind: 'string' }

export const CASE_ATTRIBUTES: ReadonlyMap<string, FieldKind> = new Map<CaseAttribute, FieldKind>([
  ['kind', kindOf(CaseKind)],
  ['subject', text],
  ['caseNumber', text],
  ['openedOn', date],
  ['closedOn', date],
  ['closed', bool],
  ['withinTimeLimit', bool],
  ['resolution', kindOf(Resolution)],
  ['outcome', kindOf(Outcome)],
  ['decidedOn', date],
  ['performed', bool],
  ['hearings', { kind: 'number', integer: true }],
  ['leaderAppearedAll', bool],
  ['defenseOnTime', bool],
  ['hearingsInPeriod', { kind: 'number', integer: true }],
  ['leaderAppearedAllInPeriod', bool],
  ['defenseOnTimeInPeriod', bool],
  ['dueOn', date],
  ['closedOnTime', bool],
  ['overdue', bool],
  ['enteredLate', bool],
])
