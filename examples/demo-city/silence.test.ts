/**
 * Silence never pays (issue 12): under both example schemes, a unit registered in the demo city that reports
 * nothing at all scores less than every demo unit that reported honestly (those not zeroed by a 计“0”分 rule),
 * and earns no point on any indicator: rates over nothing are excluded or zero, never full, and no item starts
 * full and waits for deductions.
 */
import { readFileSync } from 'node:fs'
import { readLog, score } from '@kaoping/core'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { schemeFrom } from '../../packages/core/src/testing/scoring-spec'
import { ADMIN } from './actors'
import { generateDemoCity } from './generate'

const lines = generateDemoCity()
const after = (n: number) => new Date(Date.parse(lines.at(-1)!.recordedAt) + n * 60_000).toISOString()
const silent = [
  { unitId: 'silent-district', name: '沉默县', kind: 'district' },
  { unitId: 'silent-section', name: '沉默科', kind: 'department' },
].map((data, i) => ({
  id: `00000000-0000-4000-8000-00000000000${i + 1}`,
  type: 'UnitRegistered',
  data,
  recordedAt: after(i + 1),
  actor: ADMIN,
}))
const text = [...lines, ...silent].map((l) => JSON.stringify(l)).join('\n')

describe.each([
  ['districts-2017.json', 'silent-district'],
  ['departments-2017.json', 'silent-section'],
])('%s', (file, silentId) => {
  const scheme = schemeFrom(JSON.parse(readFileSync(new URL(`../schemes/${file}`, import.meta.url), 'utf8')))
  const result = (() => {
    const events = readLog(text)
    if (E.isLeft(events)) throw new Error(JSON.stringify(events.left.slice(0, 3)))
    const r = score(events.right, { schemeId: scheme.schemeId, given: [scheme] })
    if (E.isLeft(r)) throw new Error(r.left._tag)
    return r.right.result
  })()
  const quiet = result.units.find((u) => u.unitId === silentId)!

  it('scores a unit that reported nothing below the worst honest demo unit', () => {
    const honest = result.units.filter((u) => u.unitId !== silentId && !u.zeroed)
    expect(honest.length).toBeGreaterThan(3)
    const worst = Math.min(...honest.map((u) => Number(u.total)))
    expect(Number(quiet.total)).toBeLessThan(worst)
  })

  it('gives the silent unit no point on any indicator', () => {
    const points = [...quiet.categories.flatMap((c) => c.indicators), ...(quiet.bonus?.indicators ?? [])]
      .map((i) => i.points)
      .filter((p) => p !== null)
    expect(points.length).toBeGreaterThan(0)
    expect(new Set(points)).toEqual(new Set(['0.00']))
    expect(quiet.total).toBe('0.00')
  })
})
