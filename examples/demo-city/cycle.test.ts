/**
 * The demo city's 2017 assessment cycle (SPEC §8) through the real rules: the generated log is imported as the
 * demo loader of `pnpm start` imports it (`importLog`: log rules, authority, and the cycle's windows and order
 * decided at each line's recordedAt), exported, and `kaoping verify`'s logic recomputes every publication from
 * the export — each one 一致. Then what the cycle shows: self-assessments beside the computed points, the two
 * appeals and what the upheld one changed between the preliminary and the final result.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { importLog } from '@kaoping/app'
import {
  canonicalJson,
  endOfBeijingDayMs,
  publicationResult,
  readLog,
  type SealForm,
  type StoredEvent,
  sealFormOf,
} from '@kaoping/core'
import {
  createMemoryStore,
  createSqliteStore,
  type EventStore,
  exportLine,
  readEverything,
} from '@kaoping/store'
import * as E from 'fp-ts/Either'
import { beforeAll, describe, expect, it } from 'vitest'
import { verifyLog } from '../../scripts/commands/verify'
import { ADMIN } from './actors'
import { generateDemoCity } from './generate'
import { DISTRICTS, SECTIONS } from './units'

const lines = generateDemoCity()
const text = lines.map((l) => JSON.stringify(l)).join('\n')
const DISTRICT_SCHEME = 'guangyuan-districts-2017'
const DEPARTMENT_SCHEME = 'guangyuan-departments-2017'

interface Publication {
  readonly schemeId: string
  readonly stage: string
  readonly asOf: string
  readonly position: string
  readonly appealUntil?: string
  readonly seal?: SealForm
}
const publications = lines.flatMap((l, i) =>
  l.type === 'ResultPublished' ? [{ line: i + 1, ...(l.data as unknown as Publication) }] : []
)
const events = (() => {
  const read = readLog(text)
  if (E.isLeft(read)) throw new Error(JSON.stringify(read.left.slice(0, 3)))
  return read.right
})()
/** A publication's Result, recomputed as `verify` does: the lines up to its position, as of its instant. */
const resultOf = (p: Publication) => {
  const sealed = publicationResult(
    events.filter((e: StoredEvent) => e.seq <= Number(p.position)),
    p,
    sealFormOf(p)
  )
  if (E.isLeft(sealed)) throw new Error(sealed.left._tag)
  return sealed.right.result
}
const published = (schemeId: string, stage: string) =>
  publications.find((p) => p.schemeId === schemeId && p.stage === stage)!
const entry = (result: ReturnType<typeof resultOf>, unitId: string) =>
  result.units.find((u) => u.unitId === unitId)!
const indicatorOf = (unit: ReturnType<typeof entry>, id: string) =>
  [...unit.categories.flatMap((c) => c.indicators), ...(unit.bonus?.indicators ?? [])].find(
    (i) => i.id === id
  )!

/** Imports the demo as `pnpm start` loads it into an empty store, and exports it (`kaoping export`). */
const importAndExport = async (store: EventStore) => {
  const imported = await importLog(store, text)
  if (E.isLeft(imported)) throw new Error(JSON.stringify(imported.left).slice(0, 2000))
  expect(imported.right).toEqual({ imported: lines.length, skipped: 0 })
  const out: string[] = []
  for await (const e of readEverything(store)) out.push(exportLine(e))
  return out.join('\n')
}

describe('the demo city’s assessment cycle, imported and verified', () => {
  let exported = ''
  beforeAll(async () => {
    // An admin import keeps every line's recordedAt: the store's clock is never asked.
    exported = await importAndExport(createMemoryStore({ clock: () => '2030-01-01T00:00:00.000Z' }))
  })

  it('imports into SQLite (the store `pnpm start` loads it into) with the same positions, byte for byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaoping-demo-cycle-'))
    const store = createSqliteStore({
      path: join(dir, 'demo.db'),
      clock: () => '2030-01-01T00:00:00.000Z',
      synchronous: 'NORMAL',
    })
    try {
      expect(await importAndExport(store)).toBe(exported)
    } finally {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('is stored in file order, so each publication’s position is the line just before it', () => {
    const positions = exported.split('\n').map((l) => (JSON.parse(l) as { position: string }).position)
    expect(positions).toEqual(lines.map((_, i) => String(i + 1)))
    expect(publications).toHaveLength(4)
    for (const p of publications) expect(p.position).toBe(String(p.line - 1))
  })

  it('verifies every publication of the export as 一致 (kaoping verify)', () => {
    const verified = verifyLog(exported, 'demo-export.ndjson')
    expect(verified.text).not.toContain('不一致')
    expect(verified.ok).toBe(true)
    const ok = verified.text.split('\n').filter((l) => l.includes('：一致'))
    expect(ok).toHaveLength(4)
    expect(ok.map((l) => l.slice(0, l.indexOf('（')))).toEqual([
      `${DISTRICT_SCHEME} 第 1 次发布`,
      `${DEPARTMENT_SCHEME} 第 1 次发布`,
      `${DISTRICT_SCHEME} 第 2 次发布`,
      `${DEPARTMENT_SCHEME} 第 2 次发布`,
    ])
    expect(verified.text).toContain('全部 4 次发布均与事件一致')
  })

  it('verifies the generated file as written (`kaoping seed`: positions are line numbers)', () => {
    expect(verifyLog(text, 'demo-city.ndjson').ok).toBe(true)
  })

  it('fails a tampered export: the upheld appeal’s point edited, the final district result names 经开区 D3', () => {
    const tampered = exported
      .split('\n')
      .map((l) =>
        l.includes('"AppealDecided"') && l.includes('jingkai') ? l.replace('"points":1', '"points":2') : l
      )
      .join('\n')
    expect(tampered).not.toBe(exported)
    const verified = verifyLog(tampered, 'tampered.ndjson')
    expect(verified.ok).toBe(false)
    const failed = verified.text.split('\n').filter((l) => l.includes('次发布') && l.includes('：不一致'))
    expect(failed).toHaveLength(1)
    expect(failed[0]).toContain(`${DISTRICT_SCHEME} 第 2 次发布`)
    expect(failed[0]).toContain('单位 jingkai')
    expect(failed[0]).toContain('指标 D3')
  })
})

describe('the demo city’s assessment cycle, step by step', () => {
  const preliminary = resultOf(published(DISTRICT_SCHEME, 'preliminary'))
  const final = resultOf(published(DISTRICT_SCHEME, 'final'))
  const sectionsPreliminary = resultOf(published(DEPARTMENT_SCHEME, 'preliminary'))
  const sectionsFinal = resultOf(published(DEPARTMENT_SCHEME, 'final'))

  it('has every unit’s reporter self-assess once, under its own scheme, at the end of January 2018', () => {
    const submitted = lines.filter((l) => l.type === 'SelfAssessmentSubmitted')
    expect(submitted.map((l) => l.data.unitId).sort()).toEqual(
      [...DISTRICTS, ...SECTIONS].map((u) => u.unitId).sort()
    )
    for (const l of submitted) {
      const district = DISTRICTS.some((u) => u.unitId === l.data.unitId)
      expect(l.data.schemeId).toBe(district ? DISTRICT_SCHEME : DEPARTMENT_SCHEME)
      expect(l.actor).toMatch(new RegExp(`填报员 \\(reporter@${l.data.unitId}\\)$`))
      expect(l.recordedAt.slice(0, 7)).toBe('2018-01')
      expect(l.recordedAt < publications[0]!.asOf).toBe(true)
    }
  })

  it('self-assesses most indicators at the computed points and claims more on a few, each with a note', () => {
    const differences: string[] = []
    for (const result of [preliminary, sectionsPreliminary])
      for (const u of result.units) {
        expect(u.selfAssessed, u.unitId).not.toBeNull()
        for (const item of u.selfAssessed!.items) {
          const computed = indicatorOf(u, item.indicatorId)
          expect(computed.points, `${u.unitId} ${item.indicatorId}`).not.toBeNull()
          if (item.points === computed.points) continue
          expect(Number(item.points)).toBeGreaterThan(Number(computed.points))
          expect(item.note).toBeDefined()
          differences.push(`${u.unitId} ${item.indicatorId}`)
        }
        // The 考核组's overall evaluation is not the unit's to score.
        expect(u.selfAssessed!.items.map((i) => i.indicatorId)).not.toContain(
          result === preliminary ? 'J1' : 'K6-1'
        )
      }
    expect(differences.sort()).toEqual([
      'gongshang-ke P-GS2',
      'jiange E2',
      'jingkai D1',
      'jingkai D3',
      'renli-ke K5-1',
      'wangcang A3',
      'wangcang E1',
      'zhongcai-yuan P-ZC1',
    ])
  })

  it('publishes each scheme’s preliminary result with a window, then its final result once every appeal is decided', () => {
    expect(publications.map((p) => `${p.schemeId} ${p.stage} ${p.appealUntil ?? '-'}`)).toEqual([
      `${DISTRICT_SCHEME} preliminary 2018-02-14`,
      `${DEPARTMENT_SCHEME} preliminary 2018-02-14`,
      `${DISTRICT_SCHEME} final -`,
      `${DEPARTMENT_SCHEME} final -`,
    ])
    for (const p of publications) {
      expect(lines[p.line - 1]!.actor).toBe(ADMIN)
      expect(lines[p.line - 1]!.recordedAt).toBe(p.asOf)
    }
    const decided = lines.filter((l) => l.type === 'AppealDecided')
    expect(decided).toHaveLength(2)
    for (const l of decided) expect(l.recordedAt < published(DISTRICT_SCHEME, 'final').asOf).toBe(true)
    expect(lines.at(-1)!.type).toBe('ResultPublished')
  })

  it('has two appeals filed by reporters within the window: 经开区 upheld with a point on D3, 工伤保险科 rejected', () => {
    const filed = lines.filter((l) => l.type === 'AppealFiled')
    expect(filed.map((l) => `${l.data.unitId} ${l.data.indicatorId}`)).toEqual([
      'jingkai D3',
      'gongshang-ke P-GS2',
    ])
    for (const l of filed) {
      expect(l.actor).toMatch(new RegExp(`填报员 \\(reporter@${l.data.unitId}\\)$`))
      expect(l.recordedAt > published(DEPARTMENT_SCHEME, 'preliminary').asOf).toBe(true)
      expect(Date.parse(l.recordedAt)).toBeLessThanOrEqual(endOfBeijingDayMs('2018-02-14'))
    }
    expect(entry(final, 'jingkai').appeals).toMatchObject([
      { appealId: 'jingkai-2017-appeal-1', indicatorId: 'D3', decision: 'upheld', points: '1.00' },
    ])
    expect(entry(sectionsFinal, 'gongshang-ke').appeals).toMatchObject([
      { indicatorId: 'P-GS2', decision: 'rejected', points: null },
    ])
  })

  it('changes the final result only by the upheld appeal’s point: 经开区 D3 3 → 4, its total + 1', () => {
    const before = entry(preliminary, 'jingkai')
    const after = entry(final, 'jingkai')
    expect(indicatorOf(before, 'D3')).toMatchObject({ points: '3.00', adjusted: null })
    expect(indicatorOf(after, 'D3')).toMatchObject({
      points: '3.00',
      adjusted: { points: '4.00', change: '1.00' },
    })
    expect(Number(after.total) - Number(before.total)).toBeCloseTo(1, 5)
    for (const u of preliminary.units)
      if (u.unitId !== 'jingkai')
        expect(canonicalJson(entry(final, u.unitId)), u.unitId).toBe(canonicalJson(u))
    // The rejected appeal is listed on the final result and changes no point.
    for (const u of sectionsPreliminary.units) {
      const { appeals: _a, ...rest } = entry(sectionsFinal, u.unitId)
      const { appeals: _b, ...was } = u
      expect(canonicalJson(rest), u.unitId).toBe(canonicalJson(was))
    }
    expect(indicatorOf(entry(sectionsFinal, 'gongshang-ke'), 'P-GS2')).toMatchObject({ points: '18.00' })
  })
})
