/**
 * @module The one scoring code path: events + scheme + instant → Result. The CLI's replay, the projections and
 * the API all end here, so the same events and scheme give byte-identical results everywhere.
 */
import * as E from 'fp-ts/Either'
import type { ReplayError } from '../errors'
import type { StoredEvent } from '../events/stored'
import { groupFacts, type UnitFacts } from '../facts/fact'
import { beijingDateOf, endOfBeijingDayMs, instantMs, toUtcIso } from '../primitives/iso-date'
import type { Basis, Result } from '../result/result'
import type { Scheme } from '../scheme/scheme'
import { assemble } from '../scoring/assemble'
import { deadlinePhase, evaluateUnit, isAssessed, type UnitEvaluation } from '../scoring/evaluate-unit'
import type { UnitMemo } from '../scoring/memo'
import { type Cut, parseAsOf } from './as-of'
import { foldFacts, type KnownFacts, type UnitFactFold, unitFactFold } from './fact-fold'
import { type LogSource, memorySource } from './log-source'
import { select } from './select'

export interface ScoreOptions {
  readonly schemeId: string
  readonly asOf?: string | undefined
  readonly basis?: Basis | undefined
  /** Score under this version instead of the one in force (what-if). */
  readonly version?: number | undefined
  /**
   * Versions supplied outside the log (the replay command's --scheme file). They count as in force from
   * the start, and win over a published version with the same number: the caller asked for them.
   */
  readonly given?: ReadonlyArray<Scheme> | undefined
}

/** The Result together with the scheme version it was scored under (for headers, CSV columns, names). */
export interface Scored {
  readonly result: Result
  readonly scheme: Scheme
}

/**
 * Unit evaluations kept between queries of the current state (no asOf). The owner forgets a unit's entries
 * when an event of that unit arrives; keys are `schemeId@version/unitId`.
 */
export type EvaluationCache = Map<string, UnitEvaluation>

const schemeFor = (
  source: LogSource,
  published: ReadonlyArray<Scheme>,
  options: ScoreOptions
): E.Either<ReplayError, Scheme> => {
  const { schemeId, version } = options
  const given = (options.given ?? []).filter((s) => s.schemeId === schemeId)
  // A what-if version may have been published after the cut, so it is looked up among all versions.
  const pool = version === undefined ? published : source.allSchemes()
  const candidates = [
    ...given,
    ...pool.filter((s) => s.schemeId === schemeId && !given.some((g) => g.version === s.version)),
  ]
  if (candidates.length === 0) return E.left({ _tag: 'SchemeNotFound', schemeId })
  if (version !== undefined) {
    const found = candidates.find((s) => s.version === version)
    return found
      ? E.right(found)
      : E.left({
          _tag: 'VersionNotFound',
          schemeId,
          version,
          known: [...new Set(candidates.map((s) => s.version))].sort(),
        })
  }
  return E.right(candidates.reduce((a, b) => (b.version > a.version ? b : a)))
}

const label = (cut: Cut, source: LogSource, scheme: Scheme): string => {
  if (cut.label !== null) return cut.label
  if (cut.basis === 'occurred') return scheme.period.to
  const last = source.lastRecordedAt()
  return toUtcIso(last ? instantMs(last) : endOfBeijingDayMs(scheme.period.to))
}

/**
 * The business date a query evaluates at (for deadlines not yet due): the asOf date on the occurred basis,
 * the Beijing date of the asOf instant on the recorded basis, else the Beijing date of the last recording.
 */
const todayOf = (cut: Cut, source: LogSource): string | undefined => {
  if ('occurredBy' in cut) return cut.occurredBy
  if ('recordedBy' in cut) return beijingDateOf(cut.recordedBy)
  const last = source.lastRecordedAt()
  return last ? beijingDateOf(instantMs(last)) : undefined
}

/**
 * What the projection runner keeps between evaluations of the current state so that an update computes only what
 * it changed (scoring/memo.ts): each unit's indicator and rule outcomes, keyed like {@link EvaluationCache} (unlike
 * it, a unit's entry survives the unit's new events — that is its use), and each unit's facts as a fold stepped
 * with its new events (timetravel/fact-fold.ts).
 */
export interface OutcomeMemos {
  /** The unit's outcomes under a scheme version (made empty on first use). */
  readonly of: (key: string) => UnitMemo
  /** The unit's facts from its whole list of events (the list the runner's event cache grows). */
  readonly factsOf: (unitId: string, events: ReadonlyArray<StoredEvent>) => UnitFacts
  /** The facts the unit's fold made, by the index of its list (what an as-of score may reuse). */
  readonly knownFacts: (unitId: string) => KnownFacts | undefined
  readonly clear: () => void
}

export const outcomeMemos = (): OutcomeMemos => {
  const units = new Map<string, UnitMemo>()
  const folds = new Map<string, UnitFactFold>()
  return {
    of: (key) => {
      let memo = units.get(key)
      if (!memo) {
        memo = new Map()
        units.set(key, memo)
      }
      return memo
    },
    factsOf: (unitId, events) => {
      let fold = folds.get(unitId)
      if (!fold) {
        fold = unitFactFold()
        folds.set(unitId, fold)
      }
      return fold.of(events)
    },
    knownFacts: (unitId) => folds.get(unitId)?.known(),
    clear: () => {
      units.clear()
      folds.clear()
    },
  }
}

export const scoreSource = (
  source: LogSource,
  options: ScoreOptions,
  cache?: EvaluationCache,
  memos?: OutcomeMemos
): E.Either<ReplayError, Scored> => {
  const basis = options.basis ?? 'recorded'
  const parsed = parseAsOf(options.asOf, basis)
  if (E.isLeft(parsed)) return E.left({ _tag: 'InvalidAsOf', message: parsed.left.message })
  const cut = parsed.right
  const recordedBy = 'recordedBy' in cut ? cut.recordedBy : undefined
  const occurredBy = 'occurredBy' in cut ? cut.occurredBy : undefined
  const registry = select(source.registry(recordedBy), cut)
  const scheme = schemeFor(
    source,
    registry.schemes.map((p) => p.scheme),
    options
  )
  if (E.isLeft(scheme)) return scheme
  const s = scheme.right
  // Only the current state may be cached: an asOf query sees another log.
  const current = cut.label === null && basis === 'recorded'
  const kept = current ? cache : undefined
  const outcomes = current ? memos : undefined
  const today = todayOf(cut, source)
  const phase = deadlinePhase(s, today)
  const evaluations = [...registry.units.values()]
    .filter((u) => isAssessed(s, u))
    .sort((a, b) => (a.unitId < b.unitId ? -1 : 1))
    .map((u) => {
      const key = `${s.schemeId}@${s.version}/${u.unitId}`
      const hit = kept?.get(key)
      // A deadline passing (the log's last day moved on) turns 未到期 into 未完成: evaluate again.
      if (hit && hit.unit.name === u.name && hit.phase === phase) return hit
      const events = source.unitEvents(u.unitId, recordedBy)
      const facts = outcomes
        ? outcomes.factsOf(u.unitId, events)
        : // The source already answered the events recorded by the cut (LogSource): fold them, do not filter again.
          groupFacts(foldFacts(events, occurredBy, undefined, source.knownFacts?.(u.unitId)).facts)
      const evaluation = evaluateUnit(s, u, facts, { today, memo: outcomes?.of(key) })
      kept?.set(key, evaluation)
      return evaluation
    })
  return E.right({ result: assemble(s, evaluations, { asOf: label(cut, source, s), basis }), scheme: s })
}

export const score = (
  events: ReadonlyArray<StoredEvent>,
  options: ScoreOptions
): E.Either<ReplayError, Scored> => scoreSource(memorySource(events), options)

export const scoreAt = (
  events: ReadonlyArray<StoredEvent>,
  options: ScoreOptions
): E.Either<ReplayError, Result> => E.map((s: Scored) => s.result)(score(events, options))
