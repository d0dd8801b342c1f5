/** @module The v1 event catalog: every type, its data codec and its Chinese label (SPEC §3 "Catalog"). */
import * as E from 'fp-ts/Either'
import type * as t from 'io-ts'
import { type Issue, toIssues } from '../codec/issues'
import type { StrictShape } from '../codec/strict'
import { DocumentIssued, PublicityHeld, TrainingHeld } from './activity'
import { CaseClosed, CaseDecided, CaseOpened, DefenseSubmitted, HearingHeld, RulingPerformed } from './case'
import { EventRetracted, PointsAdjusted } from './correction'
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
import { SchemePublished } from './scheme-published'

interface Entry {
  readonly codec: t.Decoder<unknown, unknown> & { readonly shape: StrictShape }
  readonly label: string
}

export const CATALOG = {
  UnitRegistered: { codec: UnitRegistered, label: '登记被考核单位' },
  SchemePublished: { codec: SchemePublished, label: '发布考核办法' },
  CaseOpened: { codec: CaseOpened, label: '立案/收案' },
  HearingHeld: { codec: HearingHeld, label: '开庭（负责人出庭应诉）' },
  DefenseSubmitted: { codec: DefenseSubmitted, label: '答辩' },
  CaseDecided: { codec: CaseDecided, label: '判决/复议决定/认定' },
  CaseClosed: { codec: CaseClosed, label: '结案' },
  RulingPerformed: { codec: RulingPerformed, label: '履行生效裁判' },
  TrainingHeld: { codec: TrainingHeld, label: '学法/培训/考试' },
  PublicityHeld: { codec: PublicityHeld, label: '普法宣传' },
  DocumentIssued: { codec: DocumentIssued, label: '印发文件' },
  NotificationReceived: { codec: NotificationReceived, label: '被通报' },
  RectificationCompleted: { codec: RectificationCompleted, label: '整改完成' },
  StaffingReported: { codec: StaffingReported, label: '政策法规股与专职人员' },
  InspectionConducted: { codec: InspectionConducted, label: '双随机一公开等检查' },
  CaseFileReviewScored: { codec: CaseFileReviewScored, label: '案卷评查' },
  RepresentationHandled: { codec: RepresentationHandled, label: '人大建议、政协提案' },
  HonorAwarded: { codec: HonorAwarded, label: '示范单位等荣誉' },
  SurveyScored: { codec: SurveyScored, label: '群众满意度测评' },
  VetoIncidentRecorded: { codec: VetoIncidentRecorded, label: '一票否决事项' },
  EventRetracted: { codec: EventRetracted, label: '更正：撤回一条错误记录' },
  PointsAdjusted: { codec: PointsAdjusted, label: '人工调整分数（须留痕）' },
} as const satisfies Record<string, Entry>

export type EventType = keyof typeof CATALOG
export const EVENT_TYPES = Object.keys(CATALOG) as ReadonlyArray<EventType>

export const isEventType = (s: string): s is EventType => Object.hasOwn(CATALOG, s)

/** The data of each event type, as decoded. */
export type EventData = { [K in EventType]: t.TypeOf<(typeof CATALOG)[K]['codec']> }

/** A decoded event: type and data, discriminated by type. */
export type DomainEvent = { [K in EventType]: { readonly type: K; readonly data: EventData[K] } }[EventType]

/** Types whose data carries no unitId/occurredOn (SPEC §3 envelope). */
export const isUnitScoped = (type: EventType): boolean =>
  type !== 'UnitRegistered' && type !== 'SchemePublished'

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
