import { readLog, score, scoreSource } from '@kaoping/core'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { generateDemoCity } from '../../../examples/demo-city/generate'
import { indexSource } from './index-source'
import { rankingAt } from './queries'
import { monthEnds, snapshotInstants } from './snapshots'
import { given } from './testing/projection-spec'

const demo = generateDemoCity()
  .map((l) => JSON.stringify(l))
  .join('\n')
const SCHEME = 'guangyuan-districts-2017'

const log = readLog(demo)
const replay = (asOf: string) => {
  if (E.isLeft(log)) throw new Error('bad demo')
  const r = score(log.right, { schemeId: SCHEME, asOf })
  if (E.isLeft(r)) throw new Error(r.left._tag)
  return JSON.stringify(r.right.result)
}
const json = (r: ReturnType<typeof rankingAt>) =>
  E.isRight(r) ? JSON.stringify(r.right.result) : r.left._tag

describe('month ends', () => {
  it('lists the last day of each month from the period to three months after it', () => {
    const ends = monthEnds('2017-01-01', '2017-12-31')
    expect(ends).toHaveLength(15)
    expect(ends.slice(0, 3)).toEqual(['2017-01-31', '2017-02-28', '2017-03-31'])
    expect(ends.slice(-2)).toEqual(['2018-02-28', '2018-03-31'])
    expect(monthEnds('2020-02-01', '2020-02-29', 0)).toEqual(['2020-02-29'])
  })
})

describe('month-end rankings kept by the projection', async () => {
  const p = await given(demo)
  const t = () => p.projector.tables()

  it('keeps every month end the log has passed, each exactly what replay gives as of that date', async () => {
    const taken = await p.projector.takeSnapshots()
    expect(taken).toBeGreaterThan(0)
    const kept = snapshotInstants(p.db, t(), SCHEME)
    expect(kept.length).toBeGreaterThan(0)
    for (const ms of kept) {
      const date = new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10)
      const replayed = replay(date)
      expect(json(rankingAt(p.db, t(), SCHEME, date))).toBe(replayed)
      expect(json(p.projector.rankingAt(SCHEME, date))).toBe(replayed)
    }
    // Taken once: nothing left to take.
    expect(await p.projector.takeSnapshots()).toBe(0)
  })

  it('scores any other instant through the one code path, from memory or the index, as replay does', () => {
    for (const asOf of ['2017-06-15', '2017-11-30T08:00:00+08:00'])
      expect(json(p.projector.rankingAt(SCHEME, asOf))).toBe(replay(asOf))
  })

  it('forgets the month ends an event recorded late makes untrue, and only those', async () => {
    const before = snapshotInstants(p.db, t(), SCHEME)
    const late = Date.parse('2017-06-10T00:00:00Z')
    await p.store.append({
      events: [
        {
          id: '53000000-0000-4000-8000-000000000001',
          stream: 'unit-jiange',
          type: 'TrainingHeld',
          data: {
            unitId: 'jiange',
            occurredOn: '2017-06-09',
            sessionId: 'late-1',
            kind: 'leadership_study',
            topic: '学法',
            attendees: 9,
          },
          recordedAt: new Date(late).toISOString(),
        },
      ],
      actor: 'admin:city',
    })
    await p.projector.catchUp()
    const after = snapshotInstants(p.db, t(), SCHEME)
    expect(after).toEqual(before.filter((ms) => ms < late))
    const fromIndex = scoreSource(indexSource(p.db, t()), { schemeId: SCHEME, asOf: '2017-06-30' })
    expect(json(p.projector.rankingAt(SCHEME, '2017-06-30'))).toBe(json(fromIndex))
    // Taken again when next asked, with the late event in it.
    await p.projector.takeSnapshots()
    expect(snapshotInstants(p.db, t(), SCHEME)).toEqual(before)
    expect(json(rankingAt(p.db, t(), SCHEME, '2017-06-30'))).toBe(json(fromIndex))
  })
})
