/**
 * The runner keeps each unit's indicator and rule outcomes between updates and computes again only those whose
 * facts changed (core scoring/memo.ts). Whatever it kept, the stored ranking must stay byte for byte what replay
 * gives: the demo city's year is loaded in small pieces — cases opened in one piece and decided in another,
 * retractions, the 考核组's verifications and returns, a fact returned and recorded again, appeals, publications —
 * the runner catching up after each, and compared with replay of the same prefix all along the way.
 */
import { importLog } from '@kaoping/app'
import { readLog, score } from '@kaoping/core'
import { createMemoryStore } from '@kaoping/store'
import Database from 'better-sqlite3'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { generateDemoCity } from '../../../examples/demo-city/generate'
import { openProjector } from './projector'
import { currentRankingJson } from './queries'

const lines = generateDemoCity().map((l) => JSON.stringify(l))
const SCHEMES = ['guangyuan-districts-2017', 'guangyuan-departments-2017']
const PIECE = 60
const COMPARE_EVERY = 5

const replay = (text: string, schemeId: string): string | undefined => {
  const events = readLog(text)
  if (E.isLeft(events)) throw new Error('bad prefix')
  const r = score(events.right, { schemeId })
  return E.isLeft(r) ? undefined : JSON.stringify(r.right.result)
}

describe('the runner’s kept outcomes', () => {
  it('keep the ranking byte for byte equal to replay while the year arrives piece by piece', async () => {
    const store = createMemoryStore({ clock: () => new Date().toISOString() })
    const db = new Database(':memory:')
    const projector = openProjector({ store, db, now: () => 1_000_000 })
    let compared = 0
    for (let from = 0, piece = 0; from < lines.length; from += PIECE, piece++) {
      const imported = await importLog(store, lines.slice(from, from + PIECE).join('\n'))
      if (E.isLeft(imported)) throw new Error(JSON.stringify(imported.left).slice(0, 300))
      await projector.catchUp()
      const last = from + PIECE >= lines.length
      if (piece % COMPARE_EVERY !== 0 && !last) continue
      const prefix = lines.slice(0, from + PIECE).join('\n')
      for (const schemeId of SCHEMES) {
        const expected = replay(prefix, schemeId)
        if (expected === undefined) continue
        const stored = currentRankingJson(db, projector.tables(), schemeId)
        // Where they part, not two 300 KB texts.
        const at = [...(stored ?? '')].findIndex((c, i) => c !== expected[i])
        expect(
          stored === expected
            ? 'same'
            : `${schemeId} after ${from + PIECE} events, from ${at}: ${stored?.slice(at - 80, at + 80)} ≠ ${expected.slice(at - 80, at + 80)}`
        ).toBe('same')
        compared++
      }
    }
    // Both schemes, from their publication (line 1,756 of 6,137) every 300 events and at the end.
    expect(compared).toBeGreaterThanOrEqual(28)
  }, 300_000)

  it('ranks a scheme published after the runner started (the runner had cached "no schemes" and never ranked it)', async () => {
    const store = createMemoryStore({ clock: () => new Date().toISOString() })
    const db = new Database(':memory:')
    const projector = openProjector({ store, db, now: () => 1_000_000 })
    const published = lines.findIndex((l) => l.includes('"SchemePublished"'))
    for (const [from, to] of [
      [0, published],
      [published, published + 50],
    ] as const) {
      const imported = await importLog(store, lines.slice(from, to).join('\n'))
      if (E.isLeft(imported)) throw new Error('bad piece')
      await projector.catchUp()
    }
    const schemeId = JSON.parse(lines[published]!).data.schemeId
    expect(currentRankingJson(db, projector.tables(), schemeId)).toBe(
      replay(lines.slice(0, published + 50).join('\n'), schemeId)
    )
  })
})
