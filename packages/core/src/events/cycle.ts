/**
 * @module The assessment cycle (SPEC §8): self-assessment, published results, appeals and their decisions.
 * Each names its scheme and counts for it whatever its dates (the 考核组 scores 2017 in January 2018).
 */
import * as t from 'io-ts'
import { strict } from '../codec/strict'
import { NonEmptyString, Slug } from '../primitives/ids'
import { IsoDate, IsoInstant } from '../primitives/iso-date'
import { FiniteNumber, NonNegativeNumber } from '../primitives/numbers'
import { Sha256, unitFact } from './unit-fact'

export const SelfAssessmentItem = strict(
  { indicatorId: Slug, points: NonNegativeNumber },
  { note: NonEmptyString },
  'SelfAssessmentItem'
)
export const SelfAssessmentSubmitted = unitFact(
  'SelfAssessmentSubmitted',
  { schemeId: Slug, items: t.array(SelfAssessmentItem) },
  { note: NonEmptyString }
)
export type SelfAssessmentSubmitted = t.TypeOf<typeof SelfAssessmentSubmitted>

export const PublicationStage = t.keyof({ preliminary: null, final: null })
export type PublicationStage = t.TypeOf<typeof PublicationStage>

/**
 * What `sha256` covers (core publication/substance.ts): `substance`, the Result without the engine's prose. A
 * publication that records no form predates it and hashes the whole Result.
 */
export const SealFormRecorded = t.keyof({ substance: null })

/** A decimal log position, as positions travel in JSON (strings, never floats). */
export const LogPosition = t.refinement(t.string, (s) => /^(0|[1-9][0-9]{0,19})$/.test(s), 'LogPosition')

/** 16 hex digits: the prefix of a SHA-256, to locate a difference (the full hash proves equality). */
const ShortDigest = t.refinement(t.string, (s) => /^[0-9a-f]{16}$/.test(s), 'ShortDigest')

/**
 * The scheme's official result at `asOf` (初评公示 or 最终结果): the server computed the full Result over the
 * log up to `position` and recorded the SHA-256 of its canonical JSON. Stream `scheme-{schemeId}`; no unit.
 * `digests` (optional) keep a short hash of each unit's indicators and fields, so a recomputation that differs
 * names the first differing unit and indicator (core `publication/seal.ts`).
 */
export const ResultPublished = strict(
  {
    schemeId: Slug,
    version: t.Int,
    stage: PublicationStage,
    asOf: IsoInstant,
    position: LogPosition,
    sha256: Sha256,
  },
  {
    appealUntil: IsoDate,
    docNumber: NonEmptyString,
    seal: SealFormRecorded,
    digests: t.record(t.string, t.record(t.string, ShortDigest)),
  },
  'ResultPublished'
)
export type ResultPublished = t.TypeOf<typeof ResultPublished>

/** 申诉: against one indicator, or the whole result when `indicatorId` is absent. */
export const AppealFiled = unitFact(
  'AppealFiled',
  { appealId: Slug, schemeId: Slug, reason: NonEmptyString },
  { indicatorId: Slug }
)
export type AppealFiled = t.TypeOf<typeof AppealFiled>

export const AppealDecision = t.keyof({ upheld: null, partially_upheld: null, rejected: null })
export type AppealDecision = t.TypeOf<typeof AppealDecision>

/** 申诉复核决定: `points` act as a bounded adjustment of the appeal's indicator. */
export const AppealDecided = unitFact(
  'AppealDecided',
  { appealId: Slug, decision: AppealDecision, reason: NonEmptyString },
  { points: FiniteNumber }
)
export type AppealDecided = t.TypeOf<typeof AppealDecided>
