/** @module @kaoping/core — the pure domain: event codecs, deciders, the scheme language and scoring. No I/O, no clock. */

export { authorize, type TargetInfo } from './authority/authorize'
export {
  formatActor,
  type Principal,
  parseActor,
  ROLE_LABELS,
  Role,
} from './authority/principal'
export { AUTHORITY_LABELS, ROLES_OF_AUTHORITY, rolesFor } from './authority/roles-of'
export { CASE_ATTRIBUTES, type CaseAttributes } from './cases/attributes'
export { type CaseRecord, casesOf, foldCases, inPeriod } from './cases/fold'
export { alternativesOf, type WithAlternatives, withAlternatives } from './codec/alternatives'
export { MAX_DEPTH, tooDeep, tooDeepMessage } from './codec/depth'
export { formatIssue, type Issue, toIssues } from './codec/issues'
export { oneOfKeys } from './codec/one-of-keys'
export { strict } from './codec/strict'
export {
  type CaseCommand,
  type CaseState,
  type CaseStreamEvent,
  caseLifecycle,
} from './deciders/case-lifecycle'
export {
  type Appeal,
  appealKey,
  type CycleCommand,
  type CycleEvent,
  type CycleState,
  cycle,
} from './deciders/cycle'
export { type Decider, stateOf } from './deciders/decider'
export {
  type CaseError,
  type CycleError,
  type DomainError,
  describeError,
  describeReplayError,
  type ReplayError,
} from './errors'
export {
  type Authority,
  CATALOG,
  type DomainEvent,
  decodeEvent,
  EVENT_TYPES,
  type EventData,
  type EventType,
  entryOf,
  isEventType,
  isUnitEvent,
  isUnitFactType,
  isUnitScoped,
  type Scope,
  typeLabel,
  type UnitEvent,
} from './events/catalog'
export { AppealDecision, PublicationStage, type ResultPublished } from './events/cycle'
export { type FieldKind, fieldsOf, kindOf } from './events/fields'
export type { StoredEvent } from './events/stored'
export { EvidenceRef, Sha256 } from './events/unit-fact'
export { type Fact, groupFacts, type UnitFacts } from './facts/fact'
export { businessKey, indexKeys, isUndoType, undoKey } from './log/business-key'
export { EventLine } from './log/line'
export { checkNext, emptyLog, fingerprint, type LogState, noteEvent } from './log/log-checker'
export { formatLineIssue, type LineIssue, readLog } from './log/read-log'
export { caseStream, schemeStream, streamOf, targetOf, UNITS_STREAM, unitStream } from './log/stream-of'
export { type Calendar, type Limit, lastDayOf } from './primitives/calendar'
export { canonicalJson, sha256Hex } from './primitives/canonical-json'
export { NonEmptyString, Slug, UnitId, Uuid } from './primitives/ids'
export {
  beijingDateOf,
  beijingTime,
  endOfBeijingDayMs,
  IsoDate,
  IsoInstant,
  instantMs,
} from './primitives/iso-date'
export { EVIDENCE_MEDIA_TYPES, nameFitsType, OFD_MEDIA_TYPE, savedName } from './primitives/media-types'
export { NonNegativeInt } from './primitives/numbers'
export { isDisplaySafe, unsafeCharacter } from './primitives/text'
export {
  type Check,
  checkPublication,
  type Difference,
  type Digests,
  describeDifference,
  digestsOf,
  factsFrom,
  firstDifference,
  type PublicationData,
  publicationData,
  publicationResult,
  RESULT_PART,
  type Sealed,
  seal,
  sealFormOf,
  strippedAfter,
} from './publication/seal'
export {
  type FactsOf,
  factsDigest,
  SEAL_FORM,
  type SealForm,
  type Substance,
  substanceOf,
} from './publication/substance'
export { toCsv, unitToCsv } from './result/csv'
export type * from './result/result'
export { summarize, summarizeUnit } from './result/summary'
export { Scheme } from './scheme/scheme'
export { parseScheme, validateScheme } from './scheme/validate'
export { assemble } from './scoring/assemble'
export {
  type EvaluateOptions,
  evaluateUnit,
  isAssessed,
  type UnitEvaluation,
  type UnitInfo,
} from './scoring/evaluate-unit'
export { type Cut, parseAsOf } from './timetravel/as-of'
export { type LogSource, memorySource, publishedSchemes } from './timetravel/log-source'
export {
  type EvaluationCache,
  type OutcomeMemos,
  outcomeMemos,
  type Scored,
  type ScoreOptions,
  score,
  scoreAt,
  scoreSource,
} from './timetravel/score-at'
export { type Selection, select } from './timetravel/select'
