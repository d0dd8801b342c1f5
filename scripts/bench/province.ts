/**
 * @module A province-scale history for benchmarks: N events over 200 district bureaus and their cases in 2017,
 * deterministic for a seed, streamed day by day in batches (the whole history never sits in memory).
 * Events are valid: every case step follows its opening, units are registered first.
 */
import type { NewEvent } from '@kaoping/store'
import { rng } from '../../examples/demo-city/prng'

export const UNITS = 200
const DAY = 86_400_000
const START = Date.parse('2017-01-01T00:00:00Z')

const KINDS = [
  ['labor_arbitration', 0.55],
  ['labor_inspection', 0.27],
  ['work_injury_recognition', 0.11],
  ['administrative_litigation', 0.055],
  ['administrative_reconsideration', 0.015],
] as const

export async function* provinceHistory(total: number, seed = 2017): AsyncGenerator<NewEvent[]> {
  const r = rng(seed)
  let n = 0
  let clock = START - DAY
  const id = () => `70000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`
  const stamp = () => {
    clock += 7
    return new Date(clock).toISOString()
  }
  const unitIds = Array.from({ length: UNITS }, (_, i) => `d${String(i).padStart(3, '0')}`)
  let batch: NewEvent[] = []
  const emit = (stream: string, type: string, data: Record<string, unknown>) => {
    if (n >= total) return
    batch.push({
      id: id(),
      stream,
      type,
      data,
      recordedAt: stamp(),
      actor: `reporter:${data.unitId ?? 'city'}`,
    })
  }
  for (const u of unitIds)
    emit('units', 'UnitRegistered', { unitId: u, name: `第${u.slice(1)}区人社局`, kind: 'district' })
  // Each unit produces ≈ total / UNITS events over the year: a steady daily rate plus scheduled case steps
  // (8% over, since steps scheduled past the year's end are dropped; the history is cut at exactly `total`).
  const perUnitDay = (total / UNITS / 365) * 1.08
  const pending = new Map<number, Array<[string, string, Record<string, unknown>]>>()
  let caseNo = 0
  for (let day = 0; day < 365 && n < total; day++) {
    clock = START + day * DAY
    const occurredOn = new Date(START + day * DAY).toISOString().slice(0, 10)
    for (const [stream, type, data] of pending.get(day) ?? []) emit(stream, type, { ...data, occurredOn })
    pending.delete(day)
    const later = (d: number, stream: string, type: string, data: Record<string, unknown>) => {
      const at = Math.min(364, day + d)
      const list = pending.get(at) ?? []
      list.push([stream, type, data])
      pending.set(at, list)
    }
    for (const unitId of unitIds) {
      const base = { unitId, occurredOn }
      const stream = `unit-${unitId}`
      // About 42% of events are everyday facts, 58% case steps (a case makes ≈ 2.4 events).
      let facts = perUnitDay * 0.42
      while (facts > 0 && (facts >= 1 || r.next() < facts)) {
        facts--
        const x = r.next()
        if (x < 0.4)
          emit(stream, 'TrainingHeld', {
            ...base,
            sessionId: `s${n}`,
            kind: r.pick(['leadership_study', 'enforcement_training', 'daily_study', 'lecture']),
            topic: '集体学法',
            attendees: r.int(5, 40),
          })
        else if (x < 0.8)
          emit(stream, 'PublicityHeld', {
            ...base,
            activityId: `p${n}`,
            kind: r.pick(['lecture', 'campaign', 'new_media', 'case_explanation', 'site_visit']),
            topic: '普法宣传',
            reach: r.int(50, 2000),
          })
        else if (x < 0.88)
          emit(stream, 'InspectionConducted', {
            ...base,
            inspectionId: `i${n}`,
            method: 'double_random',
            subjects: r.int(3, 20),
            resultsPublished: r.chance(0.9),
          })
        else if (x < 0.96)
          emit(stream, 'RepresentationHandled', {
            ...base,
            itemId: `r${n}`,
            kind: r.pick(['npc_suggestion', 'cppcc_proposal']),
            completed: true,
            satisfied: r.chance(0.95),
          })
        else if (x < 0.99)
          emit(stream, 'DocumentIssued', {
            ...base,
            documentId: `doc${n}`,
            docType: r.pick(['rule_of_law_plan', 'publicity_plan', 'theme_year_plan']),
            title: '实施方案',
          })
        else
          emit(stream, 'CaseFileReviewScored', {
            ...base,
            reviewId: `cf${n}`,
            score: r.int(60, 98),
            files: r.int(5, 30),
          })
      }
      let cases = (perUnitDay * 0.58) / 2.4
      while (cases > 0 && (cases >= 1 || r.next() < cases)) {
        cases--
        const x = r.next()
        // Cumulative weights: the first kind whose running total reaches x.
        const cumulative = KINDS.map(
          ([k], i) => [k, KINDS.slice(0, i + 1).reduce((a, [, w]) => a + w, 0)] as const
        )
        const kind = cumulative.find(([, c]) => c >= x)?.[0] ?? 'labor_arbitration'
        const caseId = `${unitId}-${++caseNo}`
        const cs = `case-${caseId}`
        emit(cs, 'CaseOpened', { ...base, caseId, kind })
        if (kind === 'administrative_litigation') {
          later(10, cs, 'HearingHeld', { unitId, caseId, leaderAppeared: r.chance(0.9) })
          later(40, cs, 'CaseDecided', {
            unitId,
            caseId,
            instance: 'first',
            outcome: r.chance(0.9) ? 'won' : 'lost',
          })
        } else if (kind === 'work_injury_recognition' || kind === 'administrative_reconsideration')
          later(20, cs, 'CaseDecided', {
            unitId,
            caseId,
            instance: 'first',
            outcome: kind === 'work_injury_recognition' ? 'recognized' : 'upheld',
          })
        if (r.chance(0.95))
          later(45, cs, 'CaseClosed', {
            unitId,
            caseId,
            withinTimeLimit: r.chance(0.95),
            ...(kind === 'labor_arbitration' ? { resolution: r.chance(0.65) ? 'mediated' : 'awarded' } : {}),
          })
      }
      if (batch.length >= 1000) {
        yield batch
        batch = []
      }
    }
  }
  if (batch.length > 0) yield batch
}
