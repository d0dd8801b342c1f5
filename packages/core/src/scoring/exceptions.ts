/**
 * @module What counts *against* an indicator (SPEC §4 v2 "exceptions"), and the sentence that says what was
 * counted and against what ("结案 1071 件 / 应结 1089 件，未结 18 件：…"), so an auditor sees the misses, not
 * only the hits. Exceptions are case ids for case metrics, event ids otherwise, in log order.
 */
import type { CaseRecord } from '../cases/fold'
import { typeLabel } from '../events/catalog'
import type { Fact } from '../facts/fact'
import type { Detail } from '../metrics/evaluate'
import { Decimal } from '../primitives/decimal'
import type { Scheme } from '../scheme/scheme'

type Indicator = Scheme['categories'][number]['indicators'][number]

/**
 * Which way an indicator's value is good: `higher` (a rate, a count to reach), `lower` (deductions, a
 * 败诉率 in `lte` bands: every item counted is a miss), or `none` (rank, judged, change).
 */
export type Direction = 'higher' | 'lower' | 'none'

export const directionOf = (ind: Indicator): Direction => {
  const s = ind.scoring
  switch (s.kind) {
    case 'deduct':
      return 'lower'
    case 'bands':
      return s.bands.some((b) => b.test === 'lte' || b.test === 'lt') ? 'lower' : 'higher'
    case 'rank':
    case 'judged':
      return 'none'
    default:
      return 'higher'
  }
}

/** One thing counted: a case (named by its id) or an event. */
interface Item {
  readonly key: string
  readonly caseId: string | undefined
  readonly type: string
  readonly seq: number
}

const ofCase = (c: CaseRecord): Item => ({
  key: c.caseId,
  caseId: c.caseId,
  type: 'cases',
  seq: c.facts[0]?.seq ?? 0,
})
const ofFact = (f: Fact): Item => ({
  key: f.id,
  caseId: typeof f.data.caseId === 'string' ? f.data.caseId : undefined,
  type: f.type,
  seq: f.seq,
})

/** The things a count-like detail counted; undefined for details that count nothing (latest, change). */
const itemsOf = (d: Detail): ReadonlyArray<Item> | undefined => {
  switch (d.kind) {
    case 'cases':
      return d.cases.map(ofCase)
    case 'facts':
    case 'quarters':
      return d.facts.map(ofFact)
    default:
      return undefined
  }
}

/**
 * Denominator items missing from the numerator. Items match by id; when the two sides count different event
 * types (CaseClosed over CaseOpened), by case.
 */
const missing = (num: ReadonlyArray<Item>, den: ReadonlyArray<Item>): ReadonlyArray<Item> => {
  const keys = new Set(num.map((i) => i.key))
  const sameTypes = num.length === 0 || den.length === 0 || num[0]!.type === den[0]!.type
  const cases = new Set(num.flatMap((i) => (i.caseId === undefined ? [] : [i.caseId])))
  return den.filter((i) =>
    sameTypes || i.caseId === undefined ? !keys.has(i.key) : !cases.has(i.caseId) && !keys.has(i.key)
  )
}

const keys = (items: ReadonlyArray<Item>) => [...items].sort((a, b) => a.seq - b.seq).map((i) => i.key)

/** The exceptions of an indicator whose metric was made as `detail`, given its points and max. */
export const exceptionsOf = (
  detail: Detail,
  direction: Direction,
  lostPoints: boolean,
  isDeadline: boolean
): ReadonlyArray<string> => {
  if (direction === 'none') return []
  if (isDeadline) return lostPoints && detail.kind === 'one' && detail.fact ? [detail.fact.id] : []
  if (detail.kind === 'ratio') {
    const num = itemsOf(detail.num)
    const den = itemsOf(detail.den)
    if (!num || !den) return []
    return direction === 'lower' ? keys(num) : keys(missing(num, den))
  }
  if (detail.kind === 'one') return lostPoints && detail.fact ? [detail.fact.id] : []
  if (direction === 'lower') {
    const items = itemsOf(detail)
    return items ? keys(items) : []
  }
  return []
}

////////// Words

interface Words {
  readonly yes: string
  readonly base: string
  readonly no: string
}

/** What a numerator's extra condition means, in the words of a 法规科 report. */
const WORDS: Readonly<Record<string, Words>> = {
  'closed=true': { yes: '结案', base: '应结', no: '未结' },
  'withinTimeLimit=true': { yes: '按期结案', base: '结案', no: '超期结案' },
  'closedOnTime=true': { yes: '按期结案', base: '应结', no: '超期结案或逾期未结' },
  'leaderAppearedAll=true': { yes: '负责人出庭应诉', base: '开庭审理', no: '负责人未（全部）出庭' },
  'leaderAppearedAllInPeriod=true': { yes: '负责人出庭应诉', base: '开庭审理', no: '负责人未（全部）出庭' },
  'leaderAppeared=true': { yes: '负责人出庭', base: '开庭', no: '负责人未出庭' },
  'defenseOnTime=true': { yes: '按时答辩', base: '答辩', no: '未按时答辩' },
  'defenseOnTimeInPeriod=true': { yes: '按时答辩', base: '答辩', no: '未按时答辩' },
  'onTime=true': { yes: '按时答辩', base: '答辩', no: '未按时答辩' },
  'performed=true': { yes: '已履行', base: '应履行', no: '未履行' },
  'resolution="mediated"': { yes: '调解结案', base: '结案', no: '非调解结案' },
  'outcome="lost"': { yes: '败诉', base: '审结', no: '未败诉' },
  'outcome="won"': { yes: '胜诉', base: '审结', no: '未胜诉' },
  'resultsPublished=true': { yes: '结果已公开', base: '检查', no: '结果未公开' },
  'completed=true': { yes: '办结', base: '承办', no: '未办结' },
  'satisfied=true': { yes: '满意', base: '承办', no: '不满意' },
}

/** A numerator counting another type than its denominator (v1 style rates), by the numerator's type. */
const TYPE_WORDS: Readonly<Record<string, string>> = {
  CaseClosed: 'closed=true',
  RulingPerformed: 'performed=true',
}

/** A rate of two sums over the same facts, by the fields added up (numerator/denominator). */
const SUM_WORDS: Readonly<Record<string, Words>> = {
  'passed/attendees': { yes: '考试合格', base: '参考', no: '不合格' },
}

const GENERIC: Words = { yes: '符合条件', base: '应计', no: '不符合' }

const whereOf = (d: Detail) => (d.kind === 'cases' || d.kind === 'facts' ? (d.where ?? {}) : {})

const sumOf = (d: Detail) => (d.kind === 'facts' ? d.sum : undefined)

const wordsFor = (num: Detail, den: Detail): Words => {
  const sums = SUM_WORDS[`${sumOf(num)?.field}/${sumOf(den)?.field}`]
  if (sums) return sums
  const a = whereOf(num)
  const b = whereOf(den)
  for (const [field, c] of Object.entries(a)) {
    if (JSON.stringify(b[field]) === JSON.stringify(c)) continue
    if ('eq' in c) {
      const w = WORDS[`${field}=${JSON.stringify(c.eq)}`]
      if (w) return w
    }
  }
  const numType = num.kind === 'facts' ? num.type : undefined
  const denType = den.kind === 'facts' ? den.type : undefined
  if (numType && denType && numType !== denType) {
    const w = WORDS[TYPE_WORDS[numType] ?? '']
    if (w) return w
    return { yes: typeLabel(numType), base: typeLabel(denType), no: `无${typeLabel(numType)}` }
  }
  return GENERIC
}

const TIMES = new Set(['HearingHeld', 'TrainingHeld', 'PublicityHeld', 'InspectionConducted'])
/** What a sum adds up, by its field; other sums are bare numbers. */
const SUM_UNITS: Readonly<Record<string, string>> = {
  attendees: '人',
  passed: '人',
  respondents: '人',
  reach: '人次',
}
const unitWord = (d: Detail): string => {
  const sum = sumOf(d)
  if (sum) return SUM_UNITS[sum.field] ?? ''
  return d.kind === 'facts' && TIMES.has(d.type) ? '次' : '件'
}

const LISTED = 10

/** "a、b、c" or "a、b … 等 N 件" for long lists. */
export const listed = (ids: ReadonlyArray<string>, unit: string): string =>
  ids.length <= LISTED ? ids.join('、') : `${ids.slice(0, LISTED).join('、')} 等 ${ids.length} ${unit}`

/** How much a side counted: cases, facts, or what a sum added up. */
const countOf = (d: Detail): Decimal | undefined => {
  if (d.kind === 'cases') return new Decimal(d.cases.length)
  if (d.kind === 'facts') return d.sum ? d.sum.total : new Decimal(d.facts.length)
  if (d.kind === 'quarters') return new Decimal(d.facts.length)
  return undefined
}

/**
 * What was counted and against what, before the scoring rule: "结案 1071 件 / 应结 1089 件，未结 18 件：…";
 * "按季度：4 个季度中 1 个有记录，缺 …"; "计 2 件：…". Null when there is nothing to add to the value.
 */
export const countsSentence = (
  detail: Detail,
  direction: Direction,
  exceptions: ReadonlyArray<string>
): string | null => {
  if (detail.kind === 'ratio') {
    const a = countOf(detail.num)
    const b = countOf(detail.den)
    if (a === undefined || b === undefined) return null
    const w = wordsFor(detail.num, detail.den)
    const u = unitWord(detail.den)
    const amount = (x: Decimal) => (u === '' ? `${x}` : `${x} ${u}`)
    const head = `${w.yes} ${amount(a)} / ${w.base} ${amount(b)}`
    // The listed exceptions are facts or cases: named in 次/件 even when the sides add up people.
    const items = sumOf(detail.den) ? '次' : u
    // Extensions are the unit's own reports that move a last day, and a closing dated in time but entered late
    // counts only once verified: an auditor sees which cases.
    const extended = (detail.den.kind === 'cases' && detail.den.extended) || []
    const late = (detail.den.kind === 'cases' && detail.den.enteredLate) || []
    const ext =
      (extended.length > 0 ? `；其中报延期 ${extended.length} 件：${listed(extended, '件')}` : '') +
      (late.length > 0 ? `；逾期补录待核实 ${late.length} 件：${listed(late, '件')}` : '')
    if (direction === 'lower')
      return exceptions.length > 0
        ? `${head}（${w.yes}：${listed(exceptions, items)}）${ext}`
        : `${head}${ext}`
    if (b.gt(a)) {
      const tail = exceptions.length > 0 ? `：${listed(exceptions, items)}` : ''
      return `${head}，${w.no} ${amount(b.minus(a))}${tail}${ext}`
    }
    return `${head}${ext}`
  }
  if (detail.kind === 'quarters') {
    const hits = detail.hit.filter(Boolean).length
    const gaps = detail.quarters.flatMap((q, i) =>
      detail.hit[i] ? [] : [`第${i + 1}季度（${q.from} 至 ${q.to}）`]
    )
    const head = `按季度计：${detail.quarters.length} 个季度中 ${hits} 个季度有记录（共 ${detail.facts.length} 次）`
    return gaps.length > 0 ? `${head}，缺${gaps.join('、')}` : head
  }
  if (direction === 'lower' && (detail.kind === 'cases' || detail.kind === 'facts')) {
    const u = unitWord(detail)
    return exceptions.length > 0 ? `计 ${exceptions.length} ${u}：${listed(exceptions, u)}` : null
  }
  return null
}
