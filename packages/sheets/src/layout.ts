/**
 * @module Which sheet holds which event type, and which column holds which field — derived from the event
 * catalog's codecs, so the template, the reader and the codecs can never disagree. One sheet per event type
 * (the families people record separately); the field ↔ Chinese header map is the only hand-written part.
 */
import { CATALOG, type EventType, kindOf } from '@kaoping/core'
import type * as t from 'io-ts'
import { OPEN_VOCABULARIES, VOCABULARY_LABELS } from './vocabulary'

/** The 佐证材料 field (SPEC §9): one cell of file names. */
export const EVIDENCE_FIELD = 'evidence'

export const FIELD_LABELS: Readonly<Record<string, string>> = {
  unitId: '单位代码',
  name: '单位名称',
  kind: '类别',
  occurredOn: '发生日期',
  caseId: '案件编号',
  subject: '案由',
  caseNumber: '案号',
  leaderAppeared: '负责人出庭',
  onTime: '按时答辩',
  instance: '审级',
  outcome: '结果',
  withinTimeLimit: '按期结案',
  days: '延长天数',
  resolution: '结案方式',
  amountRecoveredYuan: '追回金额（元）',
  sessionId: '活动编号',
  topic: '主题',
  attendees: '参加人数',
  hours: '学时',
  passed: '考试合格人数',
  activityId: '活动编号',
  reach: '覆盖人数',
  documentId: '文件编号',
  docType: '文件类别',
  title: '标题',
  docNumber: '文号',
  reportYear: '所属年度',
  notificationId: '通报编号',
  issuer: '通报机关',
  reason: '原因',
  rectificationRequired: '须整改',
  dueOn: '整改期限',
  legalSectionEstablished: '设立政策法规股',
  fullTimeLegalStaff: '专职人员数',
  inspectionId: '检查编号',
  method: '方式',
  subjects: '检查对象数',
  resultsPublished: '结果已公开',
  reviewId: '评查编号',
  score: '得分',
  files: '案卷数',
  itemId: '建议提案编号',
  completed: '已办结',
  satisfied: '满意',
  honorId: '荣誉编号',
  level: '级别',
  surveyId: '测评编号',
  respondents: '参评人数',
  incidentId: '事项编号',
  description: '说明',
  targetEventId: '被撤回事件编号',
  schemeId: '考核办法代码',
  indicatorId: '指标代码',
  points: '调整分值',
  approvedBy: '批准人',
  evidence: '佐证材料',
  countsOn: '计入日期',
  note: '备注',
  appealId: '申诉编号',
  decision: '复核决定',
  version: '版本',
  scheme: '考核办法',
  items: '自评条目',
  stage: '发布阶段',
  asOf: '截至时间',
  position: '日志位置',
  sha256: '哈希（SHA-256）',
  appealUntil: '申诉截止日',
  seal: '哈希范围',
  digests: '分项摘要',
}

/**
 * A list field (自评条目) has no place in one cell: such fields are recorded through the API or page. 佐证材料
 * is the exception: its cell lists file names (cells.ts `evidenceNames`), resolved against the files provided.
 */
const isList = (codec: t.Mixed): boolean => {
  const tag = (codec as { _tag?: string })._tag
  const inner = (codec as { type?: { _tag?: string } }).type
  return tag === 'ArrayType' || (tag === 'RefinementType' && inner?._tag === 'ArrayType')
}

export const ID_HEADER = '事件编号（可空）'

export interface Column {
  readonly field: string
  /** As shown in row 1: the label, with `*` when the field is required. */
  readonly header: string
  readonly required: boolean
  readonly codec: t.Decoder<unknown, unknown> & { readonly name: string }
  /** Code → Chinese name, for a closed vocabulary or the known values of an open one. */
  readonly labels?: Readonly<Record<string, string>>
  /** A free slug whose known values are `labels`: another value is kept as typed. */
  readonly open?: true
  /** A code from the registry or the published schemes, offered and read by name (code-tables.ts). */
  readonly table?: CodeTableName
}

/** The code tables the template is given: the registry's units, the published schemes and their indicators. */
export type CodeTableName = 'unit' | 'scheme' | 'indicator'

/** Which table a field's codes come from; a unit's own registration defines its code, so it has none. */
const tableOf = (type: EventType, field: string): CodeTableName | undefined => {
  if (field === 'unitId') return type === 'UnitRegistered' ? undefined : 'unit'
  if (field === 'schemeId') return 'scheme'
  if (field === 'indicatorId') return 'indicator'
  return undefined
}

export interface SheetLayout {
  readonly type: EventType
  readonly name: string
  readonly columns: ReadonlyArray<Column>
}

/** Excel sheet names may not contain / \\ ? * [ ] : and are at most 31 characters. */
const sheetName = (label: string) => label.replace(/[/\\?*[\]:]/g, '、').slice(0, 31)

/**
 * Everything but the scheme stream's documents (schemes are JSON, published on their own; results are computed
 * by the server) and types whose required fields are lists (自查自评), in catalog order — an order that is also
 * valid for the log: units before their facts, a case opened before its steps, retractions after their targets.
 */
export const LAYOUTS: ReadonlyArray<SheetLayout> = (Object.keys(CATALOG) as EventType[])
  .filter((type) => CATALOG[type].scope !== 'scheme')
  .filter((type) => !Object.values(CATALOG[type].codec.shape.required).some((c) => isList(c as t.Mixed)))
  .map((type) => {
    const { required, optional } = CATALOG[type].codec.shape
    const column = (field: string, codec: t.Mixed, req: boolean): Column => {
      const labels = VOCABULARY_LABELS[`${type}.${field}`]
      const table = tableOf(type, field)
      return {
        field,
        header: `${FIELD_LABELS[field] ?? field}${req ? '*' : ''}`,
        required: req,
        codec,
        ...(labels ? { labels } : {}),
        ...(OPEN_VOCABULARIES.includes(`${type}.${field}`) ? { open: true as const } : {}),
        ...(table ? { table } : {}),
      }
    }
    return {
      type,
      name: sheetName(CATALOG[type].label),
      columns: [
        ...Object.entries(required).map(([f, c]) => column(f, c as t.Mixed, true)),
        ...Object.entries(optional)
          .filter(([f, c]) => f === EVIDENCE_FIELD || !isList(c as t.Mixed))
          .map(([f, c]) => column(f, c as t.Mixed, false)),
      ],
    }
  })

export const layoutOfSheet = (name: string) => LAYOUTS.find((l) => l.name === name)
export const layoutOfType = (type: string) => LAYOUTS.find((l) => l.type === type)

/** A dropdown's choices: the vocabulary's Chinese names where there are some, else its codes. */
export const choices = (c: Column): ReadonlyArray<string> | undefined => {
  const codes = vocabulary(c.codec)
  return codes?.map((code) => c.labels?.[code] ?? code)
}

/** The closed vocabulary of a `t.keyof` codec. */
export const vocabulary = (codec: Column['codec']): ReadonlyArray<string> | undefined => {
  const keys =
    (codec as { keys?: Record<string, unknown>; _tag?: string })._tag === 'KeyofType'
      ? (codec as unknown as { keys: Record<string, unknown> }).keys
      : undefined
  return keys ? Object.keys(keys) : undefined
}

export const isBoolean = (c: Column) => c.codec.name === 'boolean'
/** Read off the codec the way schemes are checked (core `kindOf`): one list of numeric codecs, not two. */
export const isNumber = (c: Column) => kindOf(c.codec as t.Mixed).kind === 'number'
export const isDate = (c: Column) => c.codec.name === 'IsoDate'
