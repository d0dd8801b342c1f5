/**
 * @module A published Result (SPEC §8): what is hashed, how it is recomputed, and where a recomputation differs.
 *
 * - The publication's Result is the full Result (view=full) on the recorded basis, as of the publication's `asOf`,
 *   over the events at log positions ≤ its `position`, under the scheme version in force at `asOf` — the same
 *   `score` every other view uses. The server computes it when publishing; `GET …/publications/{n}` and
 *   `kaoping verify` compute it again from the same events.
 * - Its bytes are its canonical JSON (primitives/canonical-json.ts). `sha256` is the SHA-256 of the canonical JSON
 *   of what its seal form covers (substance.ts): the Result without the engine's prose for publications recorded
 *   with `seal: 'substance'` (every new one), the whole Result for those recorded before the form existed.
 * - `digests` (recorded beside the hash) keep a 16-hex-digit SHA-256 prefix of each part of each unit's entry in
 *   that same form — one per indicator, per category header, per other field — so a recomputation that differs can
 *   say which unit and indicator differ first. They locate a difference; the full hash proves equality.
 */
import * as E from 'fp-ts/Either'
import type { ReplayError } from '../errors'
import type { EventData } from '../events/catalog'
import type { StoredEvent } from '../events/stored'
import { canonicalJson, sha256Hex } from '../primitives/canonical-json'
import type { Result } from '../result/result'
import type { Scheme } from '../scheme/scheme'
import { score } from '../timetravel/score-at'
import { type FactsOf, type SealForm, sealedValue } from './substance'

export type Digests = Readonly<Record<string, Readonly<Record<string, string>>>>

export interface Sealed {
  readonly result: Result
  readonly scheme: Scheme
  /** The canonical JSON of the whole Result: the bytes served (made when first asked). */
  readonly json: string
  readonly form: SealForm
  /** The canonical JSON of what the form covers: the bytes hashed (the same string as `json` for `whole`). */
  readonly sealedJson: string
  readonly sha256: string
  readonly digests: Digests
}

/** The key of the Result's own fields (scheme, version, asOf, basis, order of units) in `digests`. */
export const RESULT_PART = '_result'

const short = (value: unknown): string => sha256Hex(canonicalJson(value)).slice(0, 16)

type Entry = Readonly<Record<string, unknown>>

/** A unit entry's parts in the order a person reads them: indicators first, the totals they make last. */
const partsOf = (unit: Entry): ReadonlyArray<readonly [string, unknown]> => {
  const parts: Array<readonly [string, unknown]> = []
  const withIndicators = (prefix: string, block: unknown) => {
    if (block === null || typeof block !== 'object' || !('indicators' in block)) {
      parts.push([prefix, block])
      return
    }
    const { indicators, ...rest } = block as { indicators: ReadonlyArray<{ id: string }> }
    for (const i of indicators) parts.push([i.id, i])
    parts.push([prefix, rest])
  }
  for (const c of (unit.categories as ReadonlyArray<{ id: string }> | undefined) ?? [])
    withIndicators(`category:${c.id}`, c)
  if ('bonus' in unit) withIndicators('bonus', unit.bonus)
  const HEADER = ['rank', 'total', 'grade', 'vetoed', 'zeroed']
  const others = Object.keys(unit)
    .filter((k) => k !== 'categories' && k !== 'bonus' && !HEADER.includes(k))
    .sort()
  for (const k of others) parts.push([k, unit[k]])
  for (const k of HEADER) if (k in unit) parts.push([k, unit[k]])
  return parts
}

export const digestsOf = (result: object): Digests => {
  const { units, ...header } = result as { units: ReadonlyArray<Entry> } & Entry
  const digests: Record<string, Record<string, string>> = {
    [RESULT_PART]: {
      ...Object.fromEntries(Object.entries(header).map(([k, v]) => [k, short(v)])),
      order: short(units.map((u) => u.unitId)),
    },
  }
  for (const u of units)
    digests[u.unitId as string] = Object.fromEntries(partsOf(u).map(([k, v]) => [k, short(v)]))
  return digests
}

/** `factsOf` reads the events the Result names (the `substance` form digests them; `whole` reads none). */
export const seal = (result: Result, scheme: Scheme, form: SealForm, factsOf: FactsOf): Sealed => {
  const value = sealedValue(result, form, factsOf)
  const sealedJson = canonicalJson(value)
  // A verification needs only the hash; the whole JSON (tens of MB at a province's scale) is made when served.
  let json: string | undefined = form === 'whole' ? sealedJson : undefined
  return {
    result,
    scheme,
    get json() {
      json ??= canonicalJson(result)
      return json
    },
    form,
    sealedJson,
    sha256: sha256Hex(sealedJson),
    digests: digestsOf(value),
  }
}

/** The form a recorded publication was sealed in: `whole` when it records none (it predates the forms). */
export const sealFormOf = (publication: { readonly seal?: SealForm | undefined }): SealForm =>
  publication.seal ?? 'whole'

/**
 * The first of the `earlier` publications sealed in a newer form, when `publication` records none: no publish
 * command records that (every one since the forms seals in `SEAL_FORM`), so its seal was stripped and its hash made
 * again by hand. `verify` and the server both refuse it.
 */
export const strippedAfter = <P extends { readonly seal?: SealForm | undefined }>(
  earlier: ReadonlyArray<P>,
  publication: { readonly seal?: SealForm | undefined }
): P | undefined =>
  sealFormOf(publication) === 'whole' ? earlier.find((p) => sealFormOf(p) !== 'whole') : undefined

/**
 * The publication's Result from the log, sealed in `form` (a new publication's: `SEAL_FORM`; a recorded one's:
 * `sealFormOf` it): `events` are those at positions ≤ `position` (the caller cuts).
 */
export const publicationResult = (
  events: ReadonlyArray<StoredEvent>,
  publication: { readonly schemeId: string; readonly asOf: string },
  form: SealForm
): E.Either<ReplayError, Sealed> =>
  E.map((s: { result: Result; scheme: Scheme }) => seal(s.result, s.scheme, form, factsFrom(events)))(
    score(events, { schemeId: publication.schemeId, asOf: publication.asOf, basis: 'recorded' })
  )

/** The events of a log by id, as the seal reads them. */
export const factsFrom = (events: ReadonlyArray<StoredEvent>): FactsOf => {
  let byId: Map<string, StoredEvent> | undefined
  return (id) => {
    byId ??= new Map(events.map((e) => [e.id, e]))
    return byId.get(id)
  }
}

/** Where a recomputed Result first differs from the digests recorded at publication. */
export interface Difference {
  /** Undefined when the Result's own fields differ (scheme version, asOf, the order of units). */
  readonly unitId?: string
  readonly unitName?: string
  /** An indicator id, `category:{id}`, `bonus`, or a field of the unit entry (`rulesFired`, `total`…). */
  readonly part: string
  /** The indicator's name when `part` is one. */
  readonly partName?: string
}

const indicatorNames = (scheme: Scheme): ReadonlyMap<string, string> =>
  new Map(
    [...scheme.categories.flatMap((c) => c.indicators), ...(scheme.bonus?.indicators ?? [])].map((i) => [
      i.id,
      i.name,
    ])
  )

export const firstDifference = (sealed: Sealed, recorded: Digests | undefined): Difference | undefined => {
  if (recorded === undefined) return undefined
  const mine = sealed.digests
  const names = indicatorNames(sealed.scheme)
  const units = sealed.result.units as unknown as ReadonlyArray<Entry>
  for (const u of units) {
    const unitId = u.unitId as string
    const theirs = recorded[unitId]
    const unitName = u.name as string
    if (theirs === undefined) return { unitId, unitName, part: 'unitId' }
    for (const [part] of partsOf(u)) {
      if (theirs[part] !== mine[unitId]![part]) {
        const partName = names.get(part)
        return { unitId, unitName, part, ...(partName === undefined ? {} : { partName }) }
      }
    }
    for (const part of Object.keys(theirs)) if (!(part in mine[unitId]!)) return { unitId, unitName, part }
  }
  for (const unitId of Object.keys(recorded))
    if (unitId !== RESULT_PART && mine[unitId] === undefined) return { unitId, part: 'unitId' }
  const header = recorded[RESULT_PART] ?? {}
  for (const part of new Set([...Object.keys(header), ...Object.keys(mine[RESULT_PART]!)]))
    if (header[part] !== mine[RESULT_PART]![part]) return { part }
  return undefined
}

const PART_LABELS: Readonly<Record<string, string>> = {
  rules: '特别规则（计0分/一票否决）',
  rulesFired: '已触发的特别规则',
  appeals: '申诉',
  selfAssessed: '自评分',
  noFacts: '是否无填报事实',
  adjustments: '人工调整',
  bonus: '加分项',
  rank: '名次',
  total: '总分',
  grade: '等次',
  vetoed: '一票否决',
  zeroed: '计0分',
  unitId: '是否在考核范围内',
  order: '单位排序',
  version: '考核办法版本',
  asOf: '时点',
}

/** A difference in words: `单位 lizhou（利州区）指标 E1（出庭应诉率）`. */
export const describeDifference = (d: Difference): string => {
  const part = d.partName
    ? `指标 ${d.part}（${d.partName}）`
    : d.part.startsWith('category:')
      ? `类别 ${d.part.slice('category:'.length)}`
      : `${PART_LABELS[d.part] ?? d.part}${PART_LABELS[d.part] ? `（${d.part}）` : ''}`
  return d.unitId === undefined
    ? `结果本身的 ${part}`
    : `单位 ${d.unitId}${d.unitName ? `（${d.unitName}）` : ''} 的 ${part}`
}

export type PublicationData = EventData['ResultPublished']

/** What the publisher says of a publication; the rest of its `ResultPublished` comes from the sealed Result. */
export interface PublicationFields {
  readonly stage: PublicationData['stage']
  readonly asOf: string
  readonly position: string
  readonly appealUntil?: string | undefined
  readonly docNumber?: string | undefined
}

/** The data of a new `ResultPublished` (to be appended, and so decoded, like any other event's). */
export interface NewPublicationData extends Omit<PublicationFields, 'appealUntil' | 'docNumber'> {
  readonly schemeId: string
  readonly version: number
  readonly sha256: string
  readonly appealUntil?: string
  readonly docNumber?: string
  /** Absent for `whole`: a publication that records no form is read as one (`sealFormOf`). */
  readonly seal?: Exclude<SealForm, 'whole'>
  readonly digests: Digests
}

export const publicationData = (sealed: Sealed, fields: PublicationFields): NewPublicationData => ({
  schemeId: sealed.result.schemeId,
  version: sealed.result.version,
  stage: fields.stage,
  asOf: fields.asOf,
  position: fields.position,
  sha256: sealed.sha256,
  ...(fields.appealUntil === undefined ? {} : { appealUntil: fields.appealUntil }),
  ...(fields.docNumber === undefined ? {} : { docNumber: fields.docNumber }),
  ...(sealed.form === 'whole' ? {} : { seal: sealed.form }),
  digests: sealed.digests,
})

export type Check =
  | { readonly _tag: 'Match'; readonly sealed: Sealed }
  | {
      readonly _tag: 'Mismatch'
      readonly sealed: Sealed
      /** Undefined when no digests were recorded (or they all agree yet the hash differs). */
      readonly difference?: Difference
    }
  | { readonly _tag: 'Unscorable'; readonly error: ReplayError }

/**
 * Recomputes a publication from the events at positions ≤ its `position` and checks it against its hash.
 * `preceding` (optional) are the events before the publication event in log order: a log re-imported into a store
 * that numbers positions differently (EventStoreDB, a store that was not empty) keeps their order but not their
 * positions, so when the positional cut does not match, the publication is checked again on that cut (the recorded
 * basis and `asOf` leave out whatever was recorded after it either way).
 */
export const checkPublication = (
  events: ReadonlyArray<StoredEvent>,
  publication: PublicationData,
  preceding?: ReadonlyArray<StoredEvent>
): Check => {
  const first = checkCut(events, publication)
  if (first._tag === 'Match' || preceding === undefined || sameEvents(preceding, events)) return first
  const second = checkCut(preceding, publication)
  return second._tag === 'Match' ? second : first
}

const sameEvents = (a: ReadonlyArray<StoredEvent>, b: ReadonlyArray<StoredEvent>) =>
  a.length === b.length && a.every((e, i) => e.id === b[i]!.id)

const checkCut = (events: ReadonlyArray<StoredEvent>, publication: PublicationData): Check => {
  const sealed = publicationResult(events, publication, sealFormOf(publication))
  if (E.isLeft(sealed)) return { _tag: 'Unscorable', error: sealed.left }
  if (sealed.right.sha256 === publication.sha256 && sealed.right.result.version === publication.version)
    return { _tag: 'Match', sealed: sealed.right }
  const difference = firstDifference(sealed.right, publication.digests)
  return { _tag: 'Mismatch', sealed: sealed.right, ...(difference ? { difference } : {}) }
}
