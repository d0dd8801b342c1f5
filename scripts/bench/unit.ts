/**
 * @module `pnpm bench:unit [--events 1000000] [--rounds 50]`: the cost of one unit's evaluation — what every
 * incremental update pays (the runner re-scores the unit an event belongs to from its whole history). Builds the
 * province history of `pnpm bench` in memory, keeps one unit's events (≈ events / 200), and times `select` +
 * `evaluateUnit` on them, the one scoring path, as of the end of the history. Prints p50 / p90 and the phases.
 */
import { parseArgs } from 'node:util'
import {
  beijingDateOf,
  evaluateUnit,
  groupFacts,
  parseAsOf,
  parseScheme,
  type StoredEvent,
  select,
} from '@kaoping/core'
import * as E from 'fp-ts/Either'
import districts from '../../examples/schemes/districts-2017.json'
import { pct } from './percentile'
import { provinceHistory, UNITS } from './province'

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    rounds: { type: 'string', default: '50' },
    unit: { type: 'string', default: 'd000' },
  },
})
const scheme = parseScheme(districts)
if (E.isLeft(scheme)) throw new Error('scheme')
const unitId = values.unit

const events: StoredEvent[] = []
let seq = 0
for await (const batch of provinceHistory(Number(values.events)))
  for (const e of batch) {
    seq++
    const data = e.data as { unitId?: string }
    if (e.type === 'UnitRegistered' ? data.unitId !== unitId : data.unitId !== unitId) continue
    events.push({
      id: e.id,
      type: e.type,
      // As the runner holds them: parsed from the stored JSON (objects of one shape per type, unlike the generator's).
      data: JSON.parse(JSON.stringify(e.data)),
      recordedAt: e.recordedAt!,
      actor: e.actor,
      seq,
    } as StoredEvent)
  }

const selectMs: number[] = []
const evaluateMs: number[] = []
// CPU time too: on a shared machine wall time measures the neighbours as much as the code.
const cpuMs: number[] = []
const cut = parseAsOf(undefined, 'recorded')
if (E.isLeft(cut)) throw new Error('cut')
const today = beijingDateOf(Date.parse(events.at(-1)!.recordedAt))
for (let i = 0; i < Number(values.rounds); i++) {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  const facts = select(events, cut.right).facts.get(unitId) ?? []
  const t1 = performance.now()
  const entry = evaluateUnit(scheme.right, { unitId, name: unitId, kind: 'district' }, groupFacts(facts), {
    today,
  })
  const t2 = performance.now()
  const c = process.cpuUsage(c0)
  cpuMs.push((c.user + c.system) / 1000)
  selectMs.push(t1 - t0)
  evaluateMs.push(t2 - t1)
  if (entry.categories.length === 0) throw new Error('no categories')
}
const f = (x: number) => x.toFixed(2)
const both = selectMs.map((s, i) => s + evaluateMs[i]!)
console.log(
  JSON.stringify({
    events: Number(values.events),
    unitEvents: events.length,
    units: UNITS,
    selectP50: f(pct(selectMs, 50)),
    evaluateP50: f(pct(evaluateMs, 50)),
    min: f(Math.min(...both)),
    cpuP50: f(pct(cpuMs, 50)),
    p50: f(pct(both, 50)),
    p90: f(pct(both, 90)),
  })
)
