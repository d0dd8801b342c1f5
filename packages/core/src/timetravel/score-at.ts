/**
 * @module The one scoring code path: events + scheme + instant → Result. The CLI's replay, the projections and
 * the API all end here, so the same events and scheme give byte-identical results everywhere.
 */
import * as E from 'fp-ts/Either'
import type { ReplayError } from '../errors'
import type { StoredEvent } from '../events/stored'
import { type Fact, groupFacts } from '../facts/fact'
import { endOfBeijingDayMs, instantMs, toUtcIso } from '../primitives/iso-date'
import type { Basis, Result } from '../result/result'
import type { Scheme } from '../scheme/scheme'
import { assemble } from '../scoring/assemble'
import { evaluateUnit, isAssessed } from '../scoring/evaluate-unit'
import { type Cut, parseAsOf } from './as-of'
import { type Selection, select } from './select'

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

const NONE: ReadonlyArray<Fact> = []

const schemeFor = (
  events: ReadonlyArray<StoredEvent>,
  selection: Selection,
  options: ScoreOptions
): E.Either<ReplayError, Scheme> => {
  const { schemeId, version } = options
  const given = (options.given ?? []).filter((s) => s.schemeId === schemeId)
  // A what-if version may have been published after the cut, so it is looked up in the whole log.
  const published =
    version === undefined
      ? selection.schemes.map((p) => p.scheme)
      : events.flatMap((e) => (e.type === 'SchemePublished' ? [e.data.scheme] : []))
  const candidates = [
    ...given,
    ...published.filter((s) => s.schemeId === schemeId && !given.some((g) => g.version === s.version)),
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

const label = (cut: Cut, selection: Selection, scheme: Scheme): string => {
  if (cut.label !== null) return cut.label
  if (cut.basis === 'occurred') return scheme.period.to
  return toUtcIso(
    selection.lastRecordedAt ? instantMs(selection.lastRecordedAt) : endOfBeijingDayMs(scheme.period.to)
  )
}

/** The Result together with the scheme version it was scored under (for headers, CSV columns, names). */
export interface Scored {
  readonly result: Result
  readonly scheme: Scheme
}

export const scoreAt = (
  events: ReadonlyArray<StoredEvent>,
  options: ScoreOptions
): E.Either<ReplayError, Result> => E.map((s: Scored) => s.result)(score(events, options))

export const score = (
  events: ReadonlyArray<StoredEvent>,
  options: ScoreOptions
): E.Either<ReplayError, Scored> => {
  const basis = options.basis ?? 'recorded'
  const cut = parseAsOf(options.asOf, basis)
  if (E.isLeft(cut)) return E.left({ _tag: 'InvalidAsOf', message: cut.left.message })
  const selection = select(events, cut.right)
  const scheme = schemeFor(events, selection, options)
  if (E.isLeft(scheme)) return scheme
  const s = scheme.right
  const evaluations = [...selection.units.values()]
    .filter((u) => isAssessed(s, u))
    .sort((a, b) => (a.unitId < b.unitId ? -1 : 1))
    .map((u) => evaluateUnit(s, u, groupFacts(selection.facts.get(u.unitId) ?? NONE)))
  return E.right({
    result: assemble(s, evaluations, { asOf: label(cut.right, selection, s), basis }),
    scheme: s,
  })
}
