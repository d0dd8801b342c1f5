import { readLog, score, scoreSource } from '@kaoping/core'
import Database from 'better-sqlite3'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { generateDemoCity } from '../../../examples/demo-city/generate'
import { indexSource } from './index-source'
import { rankingAt } from './queries'
import { fillSnapshots, monthEnds, snapshotInstants } from './snapshots'
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
      // Kept as pieces — the Result up to its units, then one per unit — never as the whole text.
      const pieces = p.db
        .prepare(
          `SELECT piece, typeof(json) AS type, json FROM ${t().snapshots} WHERE scheme_id = ? AND as_of_ms = ? ORDER BY piece`
        )
        .all(SCHEME, ms) as Array<{ piece: number; type: string; json: string }>
      const units = (JSON.parse(replayed) as { units: unknown[] }).units.length
      expect(units).toBeGreaterThan(1)
      expect(pieces.map((r) => r.piece)).toEqual([...Array(units + 1).keys()])
      // Written from their UTF-8 bytes, kept as the text those bytes are: joined, replay's JSON.
      expect(new Set(pieces.map((r) => r.type))).toEqual(new Set(['text']))
      const [head, ...entries] = pieces.map((r) => r.json)
      expect(`${head}${entries.join(',')}]}`).toBe(replayed)
      expect(json(rankingAt(p.db, t(), SCHEME, date))).toBe(replayed)
      expect(json(p.projector.rankingAt(SCHEME, date))).toBe(replayed)
    }
    // Taken once: nothing left to take.
    expect(await p.projector.takeSnapshots()).toBe(0)
  })

  it('answers a kept month end from what it keeps, not by scoring it again', () => {
    const [ms] = snapshotInstants(p.db, t(), SCHEME)
    const date = new Date(ms! + 8 * 3_600_000).toISOString().slice(0, 10)
    const piece = `SELECT json FROM ${t().snapshots} WHERE scheme_id = ? AND as_of_ms = ? AND piece = 1`
    const kept = (p.db.prepare(piece).get(SCHEME, ms) as { json: string }).json
    const put = p.db.prepare(
      `UPDATE ${t().snapshots} SET json = ? WHERE scheme_id = ? AND as_of_ms = ? AND piece = 1`
    )
    // Marked by hand: scoring would never give this name.
    put.run(kept.replace(/"name":"[^"]*"/, '"name":"手工标记"'), SCHEME, ms)
    try {
      for (const r of [rankingAt(p.db, t(), SCHEME, date), p.projector.rankingAt(SCHEME, date)])
        expect(E.isRight(r) && r.right.result.units[0]!.name).toBe('手工标记')
    } finally {
      put.run(kept, SCHEME, ms)
    }
    expect(json(rankingAt(p.db, t(), SCHEME, date))).toBe(replay(date))
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

describe('month-end rankings of a generation made by older code', async () => {
  const p = await given(demo)
  const t = () => p.projector.tables()

  it('neither reads nor writes them while that generation is live (its table has another shape)', async () => {
    // given the live generation as version 7 left it: month ends as one text each, its checkpoint saying so
    p.db.exec(`DROP TABLE ${t().snapshots}`)
    p.db.exec(
      `CREATE TABLE ${t().snapshots} (scheme_id TEXT, as_of_ms INTEGER, json TEXT, PRIMARY KEY (scheme_id, as_of_ms))`
    )
    p.db
      .prepare(`INSERT INTO ${t().snapshots} VALUES (?, ?, '{"stale":true}')`)
      .run(SCHEME, Date.parse('2017-06-30T15:59:59.999Z'))
    p.db.exec(`UPDATE ${t().checkpoint} SET code_version = 7`)
    // then nothing is listed, nothing is taken, and an as-of ranking at a month end is scored, not read
    expect(snapshotInstants(p.db, t(), SCHEME)).toEqual([])
    expect(fillSnapshots(p.db, t(), indexSource(p.db, t()))).toBe(0)
    expect(json(rankingAt(p.db, t(), SCHEME, '2017-06-30'))).toBe(replay('2017-06-30'))
  })
})

describe('month-end rankings in a file whose text is UTF-16', async () => {
  const db = new Database(':memory:')
  // Set before anything is written: SQLite fixes a file's encoding with its first table.
  db.pragma("encoding = 'UTF-16le'")
  const p = await given(demo, db)

  it('keeps them as the same text (bytes are bound only where the file is UTF-8)', async () => {
    expect(db.pragma('encoding', { simple: true })).toBe('UTF-16le')
    expect(await p.projector.takeSnapshots()).toBeGreaterThan(0)
    const [ms] = snapshotInstants(db, p.projector.tables(), SCHEME)
    const date = new Date(ms! + 8 * 3_600_000).toISOString().slice(0, 10)
    const pieces = db
      .prepare(
        `SELECT json FROM ${p.projector.tables().snapshots} WHERE scheme_id = ? AND as_of_ms = ? ORDER BY piece`
      )
      .all(SCHEME, ms) as Array<{ json: string }>
    const [head, ...entries] = pieces.map((r) => r.json)
    expect(`${head}${entries.join(',')}]}`).toBe(replay(date))
  })
})
