/**
 * @module The event catalog (SPEC §3): every type once, with its data codec, Chinese label, authority (who may
 * record it), scope (which stream it lives in) and business id. Everything else — streams, unit scoping, the
 * case sets, authority checks, label tables of the page and the sheets — derives from this table.
 */
import * as E from 'fp-ts/Either'
import type * as t from 'io-ts'
import { type Issue, toIssues } from '../codec/issues'
import type { StrictShape } from '../codec/strict'
import { DocumentIssued, PublicityHeld, TrainingHeld } from './activity'
import {
  CaseClosed,
  CaseDecided,
  CaseExtended,
  CaseOpened,
  DefenseSubmitted,
  HearingHeld,
  RulingPerformed,
} from './case'
import { EventRetracted, PointsAdjusted } from './correction'
import { AppealDecided, AppealFiled, ResultPublished, SelfAssessmentSubmitted } from './cycle'
import {
  CaseFileReviewScored,
  HonorAwarded,
  InspectionConducted,
  NotificationReceived,
  RectificationCompleted,
  RepresentationHandled,
  StaffingReported,
  SurveyScored,
  VetoIncidentRecorded,
} from './oversight'
import { UnitRegistered } from './registry'
import { FactReturned, FactVerified, IndicatorJudged } from './review'
import { SchemePublished } from './scheme-published'

/**
 * Who may append a type (SPEC §3 "Authority"): `unit` — the unit's reporter (and admin); `review` — the 考核组
 * (reviewer, admin); `city` — the city bureau (admin); `target` — whoever may append the target event's type
 * for its unit (a retraction).
 */
export type Authority = 'unit' | 'review' | 'city' | 'target'

/**
 * Where an event lives: `registry` → stream `units`; `scheme` → `scheme-{schemeId}`; `case` → `case-{caseId}`;
 * `unit` → `unit-{unitId}`; `correction` → the unit stream, or the target's case stream when the target is a
 * case event (so the case decider sees that a decision stopped counting and may be recorded again).
 */
export type Scope = 'registry' | 'scheme' | 'case' | 'unit' | 'correction'

interface Entry {
  readonly codec: t.Decoder<unknown, unknown> & { readonly shape: StrictShape }
  readonly label: string
  readonly authority: Authority
  readonly scope: Scope
  /** The field naming the real thing this fact records, once per unit (SPEC §3 "Business ids"). */
  readonly businessId?: string
}

export const CATALOG = {
  UnitRegistered: { codec: UnitRegistered, label: '登记被考核单位', authority: 'city', scope: 'registry' },
  SchemePublished: { codec: SchemePublished, label: '发布考核办法', authority: 'city', scope: 'scheme' },
  CaseOpened: {
    codec: CaseOpened,
    label: '立案/收案',
    authority: 'unit',
    scope: 'case',
    businessId: 'caseId',
  },
  HearingHeld: { codec: HearingHeld, label: '开庭（负责人出庭应诉）', authority: 'unit', scope: 'case' },
  DefenseSubmitted: { codec: DefenseSubmitted, label: '答辩', authority: 'unit', scope: 'case' },
  CaseDecided: { codec: CaseDecided, label: '判决/复议决定/认定', authority: 'unit', scope: 'case' },
  CaseClosed: { codec: CaseClosed, label: '结案', authority: 'unit', scope: 'case' },
  RulingPerformed: { codec: RulingPerformed, label: '履行生效裁判', authority: 'unit', scope: 'case' },
  CaseExtended: { codec: CaseExtended, label: '延长办理期限', authority: 'unit', scope: 'case' },
  TrainingHeld: {
    codec: TrainingHeld,
    label: '学法/培训/考试',
    authority: 'unit',
    scope: 'unit',
    businessId: 'sessionId',
  },
  PublicityHeld: {
    codec: PublicityHeld,
    label: '普法宣传',
    authority: 'unit',
    scope: 'unit',
    businessId: 'activityId',
  },
  DocumentIssued: {
    codec: DocumentIssued,
    label: '印发文件',
    authority: 'unit',
    scope: 'unit',
    businessId: 'documentId',
  },
  NotificationReceived: {
    codec: NotificationReceived,
    label: '被通报',
    authority: 'city',
    scope: 'unit',
    businessId: 'notificationId',
  },
  RectificationCompleted: {
    codec: RectificationCompleted,
    label: '整改完成',
    authority: 'unit',
    scope: 'unit',
  },
  StaffingReported: {
    codec: StaffingReported,
    label: '政策法规股与专职人员',
    authority: 'unit',
    scope: 'unit',
  },
  InspectionConducted: {
    codec: InspectionConducted,
    label: '双随机一公开等检查',
    authority: 'unit',
    scope: 'unit',
    businessId: 'inspectionId',
  },
  CaseFileReviewScored: {
    codec: CaseFileReviewScored,
    label: '案卷评查',
    authority: 'review',
    scope: 'unit',
    businessId: 'reviewId',
  },
  RepresentationHandled: {
    codec: RepresentationHandled,
    label: '人大建议、政协提案',
    authority: 'unit',
    scope: 'unit',
    businessId: 'itemId',
  },
  HonorAwarded: {
    codec: HonorAwarded,
    label: '示范单位等荣誉',
    authority: 'city',
    scope: 'unit',
    businessId: 'honorId',
  },
  SurveyScored: {
    codec: SurveyScored,
    label: '群众满意度测评',
    authority: 'review',
    scope: 'unit',
    businessId: 'surveyId',
  },
  VetoIncidentRecorded: {
    codec: VetoIncidentRecorded,
    label: '一票否决事项',
    authority: 'city',
    scope: 'unit',
    businessId: 'incidentId',
  },
  EventRetracted: {
    codec: EventRetracted,
    label: '更正：撤回一条错误记录',
    authority: 'target',
    scope: 'correction',
  },
  PointsAdjusted: {
    codec: PointsAdjusted,
    label: '人工调整分数（须留痕）',
    authority: 'city',
    scope: 'unit',
  },
  FactVerified: { codec: FactVerified, label: '审核通过（核实）', authority: 'review', scope: 'unit' },
  FactReturned: { codec: FactReturned, label: '审核退回', authority: 'review', scope: 'correction' },
  IndicatorJudged: {
    codec: IndicatorJudged,
    label: '考核组评分（评议类指标）',
    authority: 'review',
    scope: 'unit',
  },
  SelfAssessmentSubmitted: {
    codec: SelfAssessmentSubmitted,
    label: '自查自评',
    authority: 'unit',
    scope: 'unit',
  },
  ResultPublished: {
    codec: ResultPublished,
    label: '发布考核结果（初评公示/最终）',
    authority: 'city',
    scope: 'scheme',
  },
  AppealFiled: {
    codec: AppealFiled,
    label: '申诉',
    authority: 'unit',
    scope: 'unit',
    businessId: 'appealId',
  },
  AppealDecided: { codec: AppealDecided, label: '申诉复核决定', authority: 'city', scope: 'unit' },
} as const satisfies Record<string, Entry>

export type EventType = keyof typeof CATALOG
export const EVENT_TYPES = Object.keys(CATALOG) as ReadonlyArray<EventType>

export const isEventType = (s: string): s is EventType => Object.hasOwn(CATALOG, s)

/** The catalog entry of a type, widened so optional properties can be read. */
export const entryOf = (type: EventType): Entry => CATALOG[type]

/** An event type as people name it (发布考核办法), or the text itself when it names no type. */
export const typeLabel = (type: string): string => (isEventType(type) ? CATALOG[type].label : type)

/** The data of each event type, as decoded. */
export type EventData = { [K in EventType]: t.TypeOf<(typeof CATALOG)[K]['codec']> }

/** A decoded event: type and data, discriminated by type. */
export type DomainEvent = { [K in EventType]: { readonly type: K; readonly data: EventData[K] } }[EventType]

/** Types of the registry and scheme streams: their data carries no unitId/occurredOn (SPEC §3 envelope). */
type UnscopedType = {
  [K in EventType]: (typeof CATALOG)[K]['scope'] extends 'registry' | 'scheme' ? K : never
}[EventType]
export type UnitEvent = Exclude<DomainEvent, { type: UnscopedType }>

export const isUnitScoped = (type: EventType): boolean => {
  const { scope } = CATALOG[type]
  return scope !== 'registry' && scope !== 'scheme'
}
export const isUnitEvent = (e: DomainEvent): e is UnitEvent => isUnitScoped(e.type)

/** What a unit reports about itself: the facts the 考核组 verifies or returns. */
export const isUnitFactType = (type: string): boolean =>
  isEventType(type) && CATALOG[type].authority === 'unit'

/**
 * Decodes one event's type and data. Issues are prefixed with `type` or `data.` so a caller can
 * print `events.ndjson:17 data.attendees: 应为非负整数，实际为 -3`.
 */
export const decodeEvent = (type: unknown, data: unknown): E.Either<ReadonlyArray<Issue>, DomainEvent> => {
  if (typeof type !== 'string' || !isEventType(type))
    return E.left([{ path: 'type', message: `未知事件类型 ${JSON.stringify(type)}` }])
  const decoded = CATALOG[type].codec.decode(data)
  if (E.isLeft(decoded)) return E.left(toIssues(decoded.left, 'data'))
  const event = { type, data: decoded.right } as DomainEvent
  if (event.type === 'SchemePublished') {
    const { schemeId, version, scheme } = event.data
    const issues: Issue[] = []
    if (scheme.schemeId !== schemeId)
      issues.push({ path: 'data.scheme.schemeId', message: `应与 data.schemeId（${schemeId}）一致` })
    if (scheme.version !== version)
      issues.push({ path: 'data.scheme.version', message: `应与 data.version（${version}）一致` })
    if (issues.length > 0) return E.left(issues)
  }
  return E.right(event)
}
