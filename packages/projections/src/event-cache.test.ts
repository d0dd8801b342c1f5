import type { LogSource } from '@kaoping/core'
import type { RecordedEvent } from '@kaoping/store'
import { describe, expect, it } from 'vitest'
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
    cache.add(recorded(i + 1, at), 'u')
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
    cache.add(recorded(1, '2017-03-01T00:00:00.000Z'), 'u')
    cache.fill(false)
    const source = cache.source(unused)
    const by = Date.parse('2017-03-10T00:00:00.000Z')
    expect(ids(source.unitEvents('u', by))).toEqual(['e1'])
    cache.add(recorded(2, '2017-03-04T00:00:00.000Z'), 'u')
    expect(ids(source.unitEvents('u', by))).toEqual(['e1', 'e2'])
  })
})
