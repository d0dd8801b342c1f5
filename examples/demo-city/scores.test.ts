/**
 * The seeds' figures, reproduced through the whole pipeline: the demo city's NDJSON text → readLog → scoreAt
 * under the example district scheme → Result.
 */
import { readFileSync } from 'node:fs'
import { readLog, score } from '@kaoping/core'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { schemeFrom } from '../../packages/core/src/testing/scoring-spec'
import { generateDemoCity } from './generate'

const text = generateDemoCity()
  .map((l) => JSON.stringify(l))
  .join('\n')
const scheme = (file: string) =>
  schemeFrom(JSON.parse(readFileSync(new URL(`../schemes/${file}`, import.meta.url), 'utf8')))
const districts = scheme('districts-2017.json')

const replay = (asOf?: string) => {
  const events = readLog(text)
  if (E.isLeft(events)) throw new Error(JSON.stringify(events.left.slice(0, 3)))
  const r = score(events.right, { schemeId: districts.schemeId, given: [districts], asOf })
  if (E.isLeft(r)) throw new Error(r.left._tag)
  return r.right.result
}
const result = replay()
const unit = (id: string) => result.units.find((u) => u.unitId === id)!
const indicator = (unitId: string, id: string) =>
  unit(unitId)
    .categories.flatMap((c) => c.indicators)
    .find((i) => i.id === id)!

describe('the demo city under the district scheme', () => {
  it('scores 利州 仲裁结案率 1071/1089 = 98.35% (seed 001) as the full 4 of the ≥95% band', () => {
    expect(indicator('lizhou', 'F1')).toMatchObject({ value: '0.9835', points: '4.00', max: '4.00' })
    expect(indicator('lizhou', 'F1').explanation).toContain('1071/1089 = 98.35%')
    expect(indicator('lizhou', 'F1').events).toHaveLength(1089 + 1071)
  })

  it('gives 利州, with no hearing at all, the full 6 for 出庭应诉率 (whenUndefined full)', () => {
    expect(indicator('lizhou', 'E1')).toMatchObject({ value: null, points: '6.00' })
  })

  it('scores 剑阁 出庭应诉率 100% as 6 of 6 and its 1 lost lawsuit of 31 as 6 − 2 = 4', () => {
    expect(indicator('jiange', 'E1')).toMatchObject({ value: '1.0000', points: '6.00' })
    expect(indicator('jiange', 'E1').explanation).toContain('31/31')
    expect(indicator('jiange', 'E2')).toMatchObject({ value: '1.00', points: '4.00' })
  })

  it('scores 旺苍: 9/10 hearings → 4 of 6, plan 10 days late → 3 − 1 = 2, 2 suits lost → 良好 at most', () => {
    expect(indicator('wangcang', 'E1')).toMatchObject({ value: '0.9000', points: '4.00' })
    expect(indicator('wangcang', 'A3')).toMatchObject({ value: '2017-05-10', points: '2.00' })
    expect(indicator('wangcang', 'E2')).toMatchObject({ value: '2.00', points: '2.00' })
    expect(unit('wangcang').rulesFired.map((r) => r.id)).toContain('cap-lawsuits-lost')
    expect(unit('wangcang').grade).not.toBe('优秀')
  })

  it('zeroes 苍溪, notified by the province for poor publicity (seed 003: 计“0”分)', () => {
    expect(unit('cangxi')).toMatchObject({ total: '0.00', zeroed: true, grade: '不合格' })
    expect(unit('cangxi').rulesFired).toMatchObject([{ id: 'zero-publicity', kind: 'zero' }])
  })

  it('ranks 朝天 last for its 一票否决, whatever its total', () => {
    expect(result.units.at(-1)).toMatchObject({ unitId: 'chaotian', vetoed: true, grade: '不合格', rank: 8 })
  })

  it('does not count 青川’s retracted duplicate study, except as of a date before the retraction', () => {
    const dup = generateDemoCity().find((l) => l.data.sessionId === 'qingchuan-study-dup')!.id
    const before = replay('2017-11-30').units.find((u) => u.unitId === 'qingchuan')!
    const b1 = (u: typeof before) =>
      u.categories.flatMap((c) => c.indicators).find((i) => i.id === 'B1')!.events
    expect(b1(before)).toContain(dup)
    expect(b1(unit('qingchuan'))).not.toContain(dup)
  })

  it('applies 昭化’s approved −1 adjustment to its total', () => {
    expect(unit('zhaohua').adjustments).toMatchObject({
      points: '-1.00',
      items: [{ indicatorId: 'A6', approvedBy: '市人社局局务会' }],
    })
  })
})

describe('the demo city under the department scheme', () => {
  const departments = scheme('departments-2017.json')
  const events = readLog(text)
  const r = E.isRight(events)
    ? score(events.right, { schemeId: departments.schemeId, given: [departments] })
    : undefined
  const units = r && E.isRight(r) ? r.right.result.units : []

  it('rescales 办公室 (no 个性 indicator) to 100: its 个性 category is excluded and 共性 15 becomes 25', () => {
    const office = units.find((u) => u.unitId === 'bangongshi')!
    expect(office.categories.find((c) => c.id === 'P')).toMatchObject({ points: null })
    expect(office.categories.find((c) => c.id === 'K1')?.max).toBe('25.00')
  })

  it('scores the 仲裁院 on its own 个性 indicators', () => {
    const court = units.find((u) => u.unitId === 'zhongcai-yuan')!
    const own = court.categories.find((c) => c.id === 'P')!
    expect(own.indicators.filter((i) => i.points !== null).map((i) => i.id)).toEqual(['P-ZC1', 'P-ZC2'])
  })
})
