import type { LogSource } from '@kaoping/core'
import type { RecordedEvent } from '@kaoping/store'
import { describe, expect, it } from 'vitest'
import districts from '../../../examples/schemes/districts-2017.json'
import { eventCache } from './event-cache'

const recorded = (n: number, recordedAt: string): RecordedEvent => ({
  id: `e${n}`,
  stream: 'unit-u',
  revision: BigInt(n),
  position: BigInt(n),
  type: 'TrainingHeld',
  data: {
    unitId: 'u',
    occurredOn: '2017-03-01',
    sessionId: `s${n}`,
    kind: 'lecture',
    topic: '学法',
    attendees: 1,
  },
  recordedAt,
  actor: 'test',
  schemaVersion: 1,
})

/** An index that must not be asked: every answer has to come from memory. */
const unused: LogSource = {
  registry: () => {
    throw new Error('index asked')
  },
  unitEvents: () => {
    throw new Error('index asked')
  },
  allSchemes: () => [],
  lastRecordedAt: () => null,
}

const heldWith = (instants: ReadonlyArray<string>) => {
  const cache = eventCache(100)
  cache.fill(true)
  instants.forEach((at, i) => {
    cache.add(recorded(i + 1, at), 'u', Date.parse(at))
  })
  cache.fill(false)
  return cache.source(unused)
}

const ids = (events: ReadonlyArray<{ id: string }>) => events.map((e) => e.id)

describe('a recorded-basis cut served from memory', () => {
  it('keeps the events recorded by the instant, as the index filters its recorded_ms', () => {
    const source = heldWith([
      '2017-03-01T00:00:00.000Z',
      '2017-03-02T00:00:00.000Z',
      '2017-03-02T00:00:00.000Z',
    ])
    expect(ids(source.unitEvents('u', Date.parse('2017-03-02T00:00:00.000Z')))).toEqual(['e1', 'e2', 'e3'])
    expect(ids(source.unitEvents('u', Date.parse('2017-03-01T23:59:59.999Z')))).toEqual(['e1'])
    expect(ids(source.unitEvents('u', Date.parse('2017-02-28T00:00:00.000Z')))).toEqual([])
  })

  it('still finds an event imported with an earlier recording time after later ones', () => {
    // given an import that carried a past recording time (+08:00) after events recorded later
    const source = heldWith([
      '2017-03-01T00:00:00.000Z',
      '2017-03-05T00:00:00.000Z',
      '2017-03-02T08:00:00+08:00',
    ])
    // then a cut on 3 March holds the first and the imported one, not the one between them in the log
    expect(ids(source.unitEvents('u', Date.parse('2017-03-03T00:00:00.000Z')))).toEqual(['e1', 'e3'])
  })

  it('sees events added after an earlier cut was taken', () => {
    const cache = eventCache(100)
    cache.fill(true)
    cache.add(recorded(1, '2017-03-01T00:00:00.000Z'), 'u', Date.parse('2017-03-01T00:00:00.000Z'))
    cache.fill(false)
    const source = cache.source(unused)
    const by = Date.parse('2017-03-10T00:00:00.000Z')
    expect(ids(source.unitEvents('u', by))).toEqual(['e1'])
    cache.add(recorded(2, '2017-03-04T00:00:00.000Z'), 'u', Date.parse('2017-03-04T00:00:00.000Z'))
    expect(ids(source.unitEvents('u', by))).toEqual(['e1', 'e2'])
  })
})

/** An index that refuses every question, as the rebuild's is while another thread writes it. */
const refused: LogSource = {
  registry: () => {
    throw new Error('index asked')
  },
  unitEvents: () => {
    throw new Error('index asked')
  },
  allSchemes: () => {
    throw new Error('index asked')
  },
  lastRecordedAt: () => {
    throw new Error('index asked')
  },
}

const registry = (n: number, type: 'SchemePublished' | 'UnitRegistered', data: unknown): RecordedEvent => ({
  ...recorded(n, '2017-01-01T00:00:00.000Z'),
  stream: type === 'SchemePublished' ? 'scheme-x' : 'registry',
  type,
  data,
})

const addAll = (cache: ReturnType<typeof eventCache>, events: ReadonlyArray<RecordedEvent>) => {
  for (const e of events)
    cache.add(
      e,
      e.type === 'TrainingHeld' ? (e.data as { unitId: string }).unitId : undefined,
      Date.parse(e.recordedAt)
    )
}

describe('the current state from memory alone (a rebuild scoring while its index is written)', () => {
  const scheme = { schemeId: districts.schemeId, version: 1, scheme: districts }
  const log = [
    registry(1, 'SchemePublished', scheme),
    registry(2, 'UnitRegistered', { unitId: 'u', name: '甲', kind: 'district' }),
    recorded(3, '2017-03-05T00:00:00.000Z'),
    // Imported later with an earlier recording instant; then one at the same instant as event 3, in another form.
    recorded(4, '2017-03-02T00:00:00.000Z'),
    recorded(5, '2017-03-05T08:00:00.000+08:00'),
  ]

  it('answers schemes, units, the last recording and a unit without events, never asking the index', () => {
    // given every event since position 0 added while filling
    const cache = eventCache(100)
    cache.fill(true)
    addAll(cache, log)
    cache.fill(false)
    // then
    expect(cache.whole()).toBe(true)
    const source = cache.source(refused)
    expect(source.allSchemes().map((s) => s.schemeId)).toEqual([districts.schemeId])
    expect(ids(source.unitEvents('u'))).toEqual(['e3', 'e4', 'e5'])
    expect(source.unitEvents('nobody')).toEqual([])
    // the latest instant, the later position on a tie — as the index orders recorded_ms DESC, position DESC
    expect(source.lastRecordedAt()).toBe('2017-03-05T08:00:00.000+08:00')
  })

  it('reads the index again once a list was dropped for the budget, or the cache was cleared', () => {
    const small = eventCache(2)
    small.fill(true)
    addAll(small, [
      ...log,
      { ...recorded(6, '2017-03-06T00:00:00.000Z'), data: { ...(log[2]!.data as object), unitId: 'v' } },
    ])
    small.fill(false)
    expect(small.whole()).toBe(false)
    const cleared = eventCache(100)
    cleared.fill(true)
    addAll(cleared, log)
    cleared.clear()
    expect(cleared.whole()).toBe(false)
    expect(() => cleared.source(refused).lastRecordedAt()).toThrow('index asked')
  })

  it('reads the index for a unit whose first event came after the rebuild’s filling ended', () => {
    const cache = eventCache(100)
    cache.fill(true)
    addAll(cache, log)
    cache.fill(false)
    addAll(cache, [
      { ...recorded(6, '2017-03-06T00:00:00.000Z'), data: { ...(log[2]!.data as object), unitId: 'v' } },
    ])
    expect(cache.whole()).toBe(false)
    expect(() => cache.source(refused).unitEvents('v')).toThrow('index asked')
  })

  it('does not claim the whole state when filling began on a cache that had seen events (not from position 0)', () => {
    const cache = eventCache(100)
    addAll(cache, log.slice(0, 2))
    cache.fill(true)
    addAll(cache, log.slice(2))
    expect(cache.whole()).toBe(false)
  })
})
