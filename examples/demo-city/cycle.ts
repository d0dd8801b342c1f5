/**
 * @module The 2017 assessment cycle of the demo city (SPEC §8), after the year's facts and the 考核组's review:
 * - 自查自评 at the end of January 2018: every unit's reporter submits its own points per indicator for its scheme — the
 *   computed points for most, a few optimistic claims with a note (differences to show beside the score); the
 *   考核组's judged indicator (J1, K6-1) is not the unit's to score;
 * - 初评公示 on 2018-02-09, one per scheme, computed exactly as the server computes it (`publishResult`): the
 *   full Result on the recorded basis as of the publication's instant, over every line before it, sealed by core
 *   (`publicationResult`), its `position` the number of lines before it — the position the line before it gets
 *   when the file is imported into an empty store (positions count from 1 in file order);
 * - 申诉 within the window (until 2018-02-14): 经开区 against its case-file review score (D3), upheld by the city
 *   with +1 point on D3; 工伤保险科 against its one late recognition (P-GS2), rejected;
 * - 最终结果 on 2018-02-28, every appeal decided.
 */
import {
  decodeEvent,
  publicationData,
  publicationResult,
  SEAL_FORM,
  type StoredEvent,
  score,
} from '@kaoping/core'
import * as E from 'fp-ts/Either'
import departments from '../schemes/departments-2017.json'
import districts from '../schemes/districts-2017.json'
import { ADMIN } from './actors'
import { between } from './calendar'
import type { Rng } from './prng'
import type { DemoEventLine } from './recorder'
import { type DemoUnit, DISTRICTS, SECTIONS } from './units'

const reporterOf = (u: DemoUnit) => `${u.name}填报员 (reporter@${u.unitId})`

/** An instant in Beijing time (`2018-02-09`, `10:00`) as ISO-8601 UTC. */
const beijing = (date: string, time: string): string => new Date(`${date}T${time}:00+08:00`).toISOString()

/** The lines as scoring sees them once imported: decoded, `seq` the position (1-based line order). */
const storedLines = (
  lines: ReadonlyArray<DemoEventLine>,
  cache: Map<string, StoredEvent> = new Map()
): StoredEvent[] =>
  lines.map((l, i) => {
    let e = cache.get(l.id)
    if (e === undefined) {
      // Decoded from the bytes the line is written as, as the store reads it back.
      const decoded = decodeEvent(l.type, JSON.parse(JSON.stringify(l.data)))
      if (E.isLeft(decoded)) throw new Error(`demo city: ${l.type} ${JSON.stringify(decoded.left)}`)
      e = { ...decoded.right, id: l.id, recordedAt: l.recordedAt, actor: l.actor, seq: 0 } as StoredEvent
      cache.set(l.id, e)
    }
    return { ...e, seq: i + 1 }
  })

/** A claim above the computed points: the points claimed (the indicator's max when absent) and the unit's note. */
interface Claim {
  readonly points?: number
  readonly note: string
}

/** The optimistic claims of the self-assessments; every other indicator is self-assessed at its computed points. */
const CLAIMS: Readonly<Record<string, Readonly<Record<string, Claim>>>> = {
  wangcang: {
    A3: { note: '实施方案已于4月28日经党组会审议通过，因文印原因5月10日印发，应视为按时' },
    E1: { note: '第3次开庭由分管副局长出庭，应视为负责人出庭' },
  },
  jingkai: {
    D1: { note: '全年开展双随机抽查4次，达到每季度一次的次数要求' },
    D3: { points: 4, note: '评查扣分的2份案卷送达回证在副卷中，补计后平均分应在80分以上' },
  },
  jiange: { E2: { note: '唯一败诉案件系法律适用争议，胜诉率96.77%，自评满分' } },
  'gongshang-ke': {
    'P-GS2': { note: '超期1件系等待职业病诊断结论，依《工伤认定办法》第二十条中止计算时限，不应视为超期' },
  },
  'zhongcai-yuan': { 'P-ZC1': { note: '未结9件均为12月受理、尚在法定审限内，视同结案' } },
  'renli-ke': { 'K5-1': { note: '年度报告初稿已于1月12日报送分管领导审定' } },
}

interface SchemeJson {
  readonly schemeId: string
  readonly categories: ReadonlyArray<{
    readonly indicators: ReadonlyArray<{ readonly id: string; readonly scoring: { readonly kind: string } }>
  }>
}
const judgedIn = (scheme: SchemeJson) =>
  new Set(
    scheme.categories.flatMap((c) => c.indicators.filter((i) => i.scoring.kind === 'judged').map((i) => i.id))
  )

/**
 * 自查自评: each unit's reporter submits its points for its scheme in the last days of January 2018 (after its
 * annual report), entered directly into the system. The computed points are the year's as the log stands
 * (`lines`: the facts of 2017 and January's reports); a unit self-assesses the indicators that apply to it and
 * are scored, and its bonus items with points. Returns the log with the submissions in recording order.
 */
export const withSelfAssessments = (
  r: Rng,
  lines: ReadonlyArray<DemoEventLine>,
  cache: Map<string, StoredEvent>
): DemoEventLine[] => {
  const events = storedLines(lines, cache)
  const submitted: DemoEventLine[] = []
  for (const [scheme, units] of [
    [districts as SchemeJson, DISTRICTS],
    [departments as SchemeJson, SECTIONS],
  ] as const) {
    const scored = score(events, { schemeId: scheme.schemeId })
    if (E.isLeft(scored)) throw new Error(`demo city: ${scored.left._tag}`)
    const judged = judgedIn(scheme)
    for (const u of units) {
      const entry = scored.right.result.units.find((x) => x.unitId === u.unitId)!
      const claims = CLAIMS[u.unitId] ?? {}
      const bonus = entry.bonus?.indicators ?? []
      const items = [...entry.categories.flatMap((c) => c.indicators), ...bonus]
        .filter((i) => i.status === 'scored' && i.points !== null && !judged.has(i.id))
        .filter((i) => !(bonus.includes(i) && Number(i.points) === 0))
        .map((i) => {
          const computed = Number(i.points)
          const claim = claims[i.id]
          const claimed = claim === undefined ? computed : (claim.points ?? Number(i.max))
          return claim !== undefined && claimed > computed
            ? { indicatorId: i.id, points: claimed, note: claim.note }
            : { indicatorId: i.id, points: computed }
        })
      const day = between(r, '2018-01-29', '2018-01-31')
      // Office hours, on the half minute (the year's lines are on whole minutes), one millisecond apart.
      const ms = Date.parse(`${day}T08:30:30+08:00`) + r.int(0, 540) * 60_000 + submitted.length
      submitted.push({
        id: r.uuid(),
        type: 'SelfAssessmentSubmitted',
        data: {
          unitId: u.unitId,
          occurredOn: day,
          schemeId: scheme.schemeId,
          items,
          note: `${u.name}2017年度法治人社建设目标考核自查自评（考核组评议项由考核组评定）`,
        },
        recordedAt: new Date(ms).toISOString(),
        actor: reporterOf(u),
      })
    }
  }
  return [...lines, ...submitted].sort((a, b) => (a.recordedAt < b.recordedAt ? -1 : 1))
}

const PRELIMINARY = beijing('2018-02-09', '10:00')
const APPEAL_UNTIL = '2018-02-14'

/**
 * 初评公示, 申诉, 复核决定 and 最终结果, appended after the log's last line (the 考核组's January work, recorded by
 * early February). Each publication is computed over the lines before it, as the server does.
 */
export const assessmentCycle = (
  r: Rng,
  before: ReadonlyArray<DemoEventLine>,
  cache: Map<string, StoredEvent>
): DemoEventLine[] => {
  const lines = [...before]
  if (lines.at(-1)!.recordedAt >= PRELIMINARY)
    throw new Error(`demo city: the log runs past the preliminary publication (${lines.at(-1)!.recordedAt})`)
  const add = (type: string, data: Record<string, unknown>, actor: string, recordedAt: string) => {
    if (recordedAt <= lines.at(-1)!.recordedAt) throw new Error(`demo city: ${type} out of order`)
    const line = { id: r.uuid(), type, data, recordedAt, actor }
    lines.push(line)
    return line
  }
  const publish = (
    schemeId: string,
    stage: 'preliminary' | 'final',
    asOf: string,
    extra: { readonly appealUntil?: string; readonly docNumber: string }
  ) => {
    // What `publishResult` does: the full Result on the recorded basis as of now, over the log up to its head.
    const sealed = publicationResult(storedLines(lines, cache), { schemeId, asOf }, SEAL_FORM)
    if (E.isLeft(sealed)) throw new Error(`demo city: ${sealed.left._tag}`)
    const data = publicationData(sealed.right, { stage, asOf, position: String(lines.length), ...extra })
    add('ResultPublished', data as unknown as Record<string, unknown>, ADMIN, asOf)
  }
  const unit = (id: string) => [...DISTRICTS, ...SECTIONS].find((u) => u.unitId === id)!

  // 初评公示: five working days for appeals.
  publish(districts.schemeId, 'preliminary', PRELIMINARY, {
    appealUntil: APPEAL_UNTIL,
    docNumber: '广人社函〔2018〕9号',
  })
  publish(departments.schemeId, 'preliminary', beijing('2018-02-09', '10:05'), {
    appealUntil: APPEAL_UNTIL,
    docNumber: '广人社函〔2018〕10号',
  })

  // 申诉: 经开区 against the 考核组's case-file review (D3), 工伤保险科 against its one late recognition (P-GS2).
  add(
    'AppealFiled',
    {
      unitId: 'jingkai',
      occurredOn: '2018-02-12',
      appealId: 'jingkai-2017-appeal-1',
      schemeId: districts.schemeId,
      indicatorId: 'D3',
      reason: '案卷评查中2份案卷因“缺少送达回证”被扣分，送达回证已归入副卷，评查时未调阅，请求复查',
    },
    reporterOf(unit('jingkai')),
    beijing('2018-02-12', '15:20')
  )
  add(
    'AppealFiled',
    {
      unitId: 'gongshang-ke',
      occurredOn: '2018-02-13',
      appealId: 'gongshang-ke-2017-appeal-1',
      schemeId: departments.schemeId,
      indicatorId: 'P-GS2',
      reason:
        '超期的1件工伤认定需以职业病诊断结论为依据，依《工伤认定办法》第二十条应中止计算时限，请求不计为超期',
    },
    reporterOf(unit('gongshang-ke')),
    beijing('2018-02-13', '09:40')
  )

  // 复核决定 by the city after the Spring Festival.
  add(
    'AppealDecided',
    {
      unitId: 'jingkai',
      occurredOn: '2018-02-27',
      appealId: 'jingkai-2017-appeal-1',
      decision: 'upheld',
      reason: '经考核组调阅副卷复查，2份案卷送达回证齐全，补计后评查平均分81分，对应4分，D3加1分',
      points: 1,
    },
    ADMIN,
    beijing('2018-02-27', '16:00')
  )
  add(
    'AppealDecided',
    {
      unitId: 'gongshang-ke',
      occurredOn: '2018-02-27',
      appealId: 'gongshang-ke-2017-appeal-1',
      decision: 'rejected',
      reason:
        '经核查，该案职业病诊断结论于受理后第20日作出，卷内无中止审查决定书，认定仍超出60日时限，超期属实，维持原评分',
    },
    ADMIN,
    beijing('2018-02-27', '16:10')
  )

  // 最终结果: every appeal decided.
  publish(districts.schemeId, 'final', beijing('2018-02-28', '10:00'), { docNumber: '广人社发〔2018〕12号' })
  publish(departments.schemeId, 'final', beijing('2018-02-28', '10:05'), {
    docNumber: '广人社发〔2018〕13号',
  })
  return lines
}
