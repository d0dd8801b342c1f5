import { type Result, readLog, score } from '@kaoping/core'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { generateDemoCity } from '../../../examples/demo-city/generate'
import { resultBytes } from './result-bytes'

const log = readLog(
  generateDemoCity()
    .map((l) => JSON.stringify(l))
    .join('\n')
)
const replayed = (asOf: string): Result => {
  if (E.isLeft(log)) throw new Error('bad demo')
  const r = score(log.right, { schemeId: 'guangyuan-districts-2017', asOf })
  if (E.isLeft(r)) throw new Error(r.left._tag)
  return r.right.result
}
const utf8 = (r: Result) => new TextEncoder().encode(JSON.stringify(r))

describe("a Result's JSON made a unit at a time", () => {
  it('is JSON.stringify of the Result byte for byte, Chinese explanations and all', () => {
    const full = replayed('2017-09-15')
    expect(full.units.length).toBeGreaterThan(1)
    for (const r of [full, { ...full, units: full.units.slice(0, 1) }, { ...full, units: [] }])
      expect(Buffer.from(resultBytes(r)).equals(Buffer.from(utf8(r)))).toBe(true)
  })

  it('owns its whole buffer, so it can be transferred without taking anything else along', () => {
    const small = resultBytes({ ...replayed('2017-09-15'), units: [] })
    expect(small.byteOffset).toBe(0)
    expect(small.buffer.byteLength).toBe(small.length)
  })
})
