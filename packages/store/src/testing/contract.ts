/**
 * @module The event store contract, written once and run against every backend (in-memory, SQLite, and the
 * EventStoreDB adapter when it lands): ordering, optimistic concurrency, idempotency, atomic batches,
 * catch-up → live hand-off, positions, lookup by id and by index key.
 */
import * as E from 'fp-ts/Either'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppendRequest, EventStore, NewEvent, RecordedEvent } from '../port'

export type StoreFactory = (clock: () => string) => Promise<EventStore> | EventStore

let n = 0
const id = () => `10000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`
const ev = (stream: string, data: Record<string, unknown> = {}, type = 'TrainingHeld'): NewEvent => ({
  id: id(),
  stream,
  type,
  data,
})
const req = (
  events: NewEvent[],
  expected?: Record<
    string,
    AppendRequest['expected'] extends ReadonlyMap<string, infer R> | undefined ? R : never
  >
): AppendRequest => ({
  events,
  actor: 'reporter:jiange',
  ...(expected ? { expected: new Map(Object.entries(expected)) } : {}),
})
const ok = async (store: EventStore, r: AppendRequest) => {
  const result = await store.append(r)
  if (E.isLeft(result)) throw new Error(`append failed: ${result.left._tag}`)
  return result.right
}

export const storeContract = (name: string, factory: StoreFactory): void => {
  describe(`event store contract: ${name}`, () => {
    let store: EventStore
    let tick = 0
    const clock = () => new Date(Date.UTC(2017, 0, 1) + ++tick * 1000).toISOString()
    const fresh = async () => {
      store = await factory(clock)
      return store
    }
    afterEach(async () => {
      await store?.close()
    })

    it('appends to a new stream with revisions from 0 and increasing positions, stamping clock, actor and schema version', async () => {
      const s = await fresh()
      const r = await ok(s, req([ev('unit-a', { k: 1 }), ev('unit-a', { k: 2 })], { 'unit-a': 'no_stream' }))
      expect(r.duplicate).toBe(false)
      expect(r.events.map((e) => e.revision)).toEqual([0n, 1n])
      expect(r.events[1]!.position > r.events[0]!.position).toBe(true)
      expect(r.events[0]).toMatchObject({
        stream: 'unit-a',
        actor: 'reporter:jiange',
        schemaVersion: 1,
        data: { k: 1 },
      })
      expect(r.events[0]!.recordedAt).toMatch(/^2017-01-01T00:00:\d\dZ$|^2017-01-01T00:00:\d\d\.\d{3}Z$/)
    })

    it('refuses a batch it would stamp after its recordBy, storing nothing; a line with its own instant is not held to it', async () => {
      const s = await fresh()
      // The clock ticks a second per stamp from 2017-01-01T00:00:00Z: the next stamp is after this recordBy.
      const recordBy = clock()
      const late = await s.append({ ...req([ev('unit-a')]), recordBy })
      expect(late).toMatchObject(E.left({ _tag: 'RecordByPassed', recordBy }))
      expect(await s.readStream('unit-a')).toHaveLength(0)
      const reload = { ...ev('unit-a'), recordedAt: '2016-12-31T16:00:00.000Z' }
      const kept = await ok(s, { ...req([reload]), recordBy })
      expect(kept.events[0]!.recordedAt).toBe('2016-12-31T16:00:00.000Z')
      // In time, the batch is written as any other.
      expect(
        E.isRight(await s.append({ ...req([ev('unit-a')]), recordBy: '2017-01-02T00:00:00.000Z' }))
      ).toBe(true)
      expect(await s.readStream('unit-a')).toHaveLength(2)
    })

    it('acknowledges a repeat of a stored batch even after its recordBy (a client retry)', async () => {
      const s = await fresh()
      const batch = req([ev('unit-a')])
      await ok(s, batch)
      const again = await ok(s, { ...batch, recordBy: '2000-01-01T00:00:00.000Z' })
      expect(again.duplicate).toBe(true)
    })

    it('rejects a stale expected revision with the actual one, storing nothing', async () => {
      const s = await fresh()
      await ok(s, req([ev('case-x'), ev('case-x')]))
      const stale = await s.append(req([ev('case-x')], { 'case-x': 0n }))
      expect(stale).toEqual(
        E.left({ _tag: 'WrongExpectedVersion', stream: 'case-x', expected: 0n, actual: 1n })
      )
      expect(await s.readStream('case-x')).toHaveLength(2)
      expect(E.isRight(await s.append(req([ev('case-x')], { 'case-x': 1n })))).toBe(true)
    })

    it('checks no_stream and stream_exists', async () => {
      const s = await fresh()
      expect(await s.append(req([ev('s')], { s: 'stream_exists' }))).toMatchObject(
        E.left({ _tag: 'WrongExpectedVersion', actual: null })
      )
      await ok(s, req([ev('s')], { s: 'no_stream' }))
      expect(await s.append(req([ev('s')], { s: 'no_stream' }))).toMatchObject(
        E.left({ _tag: 'WrongExpectedVersion', actual: 0n })
      )
    })

    it('acknowledges a repeated batch again with the original events and writes nothing', async () => {
      const s = await fresh()
      const batch = req([ev('unit-a', { k: 1 }), ev('unit-b', { k: 2 })])
      const first = await ok(s, batch)
      const again = await ok(s, { ...batch, expected: new Map([['unit-a', 'no_stream']]) })
      expect(again.duplicate).toBe(true)
      expect(again.events.map((e) => e.position)).toEqual(first.events.map((e) => e.position))
      expect(await s.readAll()).toHaveLength(2)
    })

    it('treats the same content with keys in another order as the same event', async () => {
      const s = await fresh()
      const e = ev('unit-a', { a: 1, b: 2 })
      await ok(s, req([e]))
      expect((await ok(s, req([{ ...e, data: { b: 2, a: 1 } }]))).duplicate).toBe(true)
    })

    it('rejects a reused id with other content, and an id repeated inside one batch', async () => {
      const s = await fresh()
      const e = ev('unit-a', { k: 1 })
      await ok(s, req([e]))
      expect(await s.append(req([{ ...e, data: { k: 2 } }]))).toEqual(
        E.left({ _tag: 'IdConflict', id: e.id })
      )
      const twice = ev('unit-b')
      expect(await s.append(req([twice, twice]))).toEqual(E.left({ _tag: 'IdConflict', id: twice.id }))
      expect(await s.readAll()).toHaveLength(1)
    })

    it('stores a batch across streams whole or not at all', async () => {
      const s = await fresh()
      await ok(s, req([ev('case-1')]))
      const failing = await s.append(
        req([ev('case-2'), ev('unit-a'), ev('case-1')], { 'case-1': 'no_stream' })
      )
      expect(E.isLeft(failing)).toBe(true)
      expect(await s.readAll()).toHaveLength(1)
      const r = await ok(
        s,
        req([ev('case-2'), ev('unit-a'), ev('case-2')], { 'case-2': 'no_stream', 'case-1': 0n })
      )
      expect(r.events.map((e) => [e.stream, e.revision])).toEqual([
        ['case-2', 0n],
        ['unit-a', 0n],
        ['case-2', 1n],
      ])
    })

    it('reads a stream forwards and backwards, from a revision, up to a count', async () => {
      const s = await fresh()
      await ok(s, req([0, 1, 2, 3, 4].map((k) => ev('unit-a', { k }))))
      const ks = (es: ReadonlyArray<RecordedEvent>) => es.map((e) => (e.data as { k: number }).k)
      expect(ks(await s.readStream('unit-a'))).toEqual([0, 1, 2, 3, 4])
      expect(ks(await s.readStream('unit-a', { fromRevision: 2n, maxCount: 2 }))).toEqual([2, 3])
      expect(ks(await s.readStream('unit-a', { direction: 'backwards', maxCount: 2 }))).toEqual([4, 3])
      expect(ks(await s.readStream('unit-a', { direction: 'backwards', fromRevision: 1n }))).toEqual([1, 0])
      expect(await s.readStream('nothing')).toEqual([])
    })

    it('reads all from an exclusive position in log order', async () => {
      const s = await fresh()
      const r = await ok(s, req([ev('a'), ev('b'), ev('a'), ev('c')]))
      const all = await s.readAll()
      expect(all.map((e) => e.id)).toEqual(r.events.map((e) => e.id))
      expect((await s.readAll({ after: all[1]!.position })).map((e) => e.id)).toEqual([
        all[2]!.id,
        all[3]!.id,
      ])
      expect((await s.readAll({ after: all[0]!.position, maxCount: 1 })).map((e) => e.id)).toEqual([
        all[1]!.id,
      ])
    })

    it('reports the head position: 0 when empty, then the last position', async () => {
      const s = await fresh()
      expect(await s.headPosition()).toBe(0n)
      const r = await ok(s, req([ev('a'), ev('b')]))
      expect(await s.headPosition()).toBe(r.events[1]!.position)
    })

    it('has an identity of its own that appends do not change, another store’s differs', async () => {
      const s = await fresh()
      await ok(s, req([ev('a')]))
      const id = await s.identity()
      expect(id).toMatch(/^(memory|sqlite|esdb):./)
      await ok(s, req([ev('b'), ev('a')]))
      expect(await s.identity()).toBe(id)
      const other = await factory(clock)
      try {
        await ok(other, req([ev('a')]))
        expect(await other.identity()).not.toBe(id)
      } finally {
        await other.close()
      }
    })

    it('finds stored events by id', async () => {
      const s = await fresh()
      const [a, b] = [ev('a'), ev('b')]
      await ok(s, req([a, b]))
      const found = await s.findEvents([a.id, 'missing', b.id])
      expect([...found.keys()]).toEqual([a.id, b.id])
      expect(found.get(b.id)?.stream).toBe('b')
    })

    describe('lookup by index key (business ids, SPEC §3)', () => {
      const held = (unitId: string, sessionId: string) =>
        ev(`unit-${unitId}`, { unitId, occurredOn: '2017-03-01', sessionId, kind: 'lecture', topic: '学法' })
      const undo = (unitId: string, targetEventId: string, type = 'EventRetracted') =>
        ev(`unit-${unitId}`, { unitId, occurredOn: '2017-04-01', targetEventId, reason: '错误' }, type)
      const ids = (found: ReadonlyMap<string, ReadonlyArray<RecordedEvent>>) =>
        Object.fromEntries([...found].map(([key, es]) => [key, es.map((e) => e.id)]))

      it('finds every stored event carrying each key, in log order: facts by business key, corrections by target', async () => {
        const s = await fresh()
        const first = held('a', 's1')
        const [other, elsewhere, retracted] = [held('a', 's2'), held('b', 's1'), undo('a', first.id)]
        await ok(s, req([first, other, elsewhere]))
        await ok(s, req([retracted]))
        const again = held('a', 's1')
        const returned = undo('a', again.id, 'FactReturned')
        await ok(s, req([again, returned]))
        const found = await s.findByKeys([
          'TrainingHeld|a|s1',
          `undo|${first.id}`,
          'TrainingHeld|c|s1',
          `undo|${again.id}`,
        ])
        expect(ids(found)).toEqual({
          'TrainingHeld|a|s1': [first.id, again.id],
          [`undo|${first.id}`]: [retracted.id],
          [`undo|${again.id}`]: [returned.id],
        })
        expect(found.get('TrainingHeld|a|s1')?.[1]).toMatchObject({ stream: 'unit-a', type: 'TrainingHeld' })
        expect([...found.keys()]).toEqual(['TrainingHeld|a|s1', `undo|${first.id}`, `undo|${again.id}`])
        expect(await s.findByKeys([])).toEqual(new Map())
      })

      it('indexes an event once: a repeated batch adds nothing, a refused batch nothing at all', async () => {
        const s = await fresh()
        const batch = req([held('a', 's1')])
        await ok(s, batch)
        expect((await ok(s, batch)).duplicate).toBe(true)
        const refused = await s.append(req([held('a', 's2')], { 'unit-a': 'no_stream' }))
        expect(E.isLeft(refused)).toBe(true)
        expect(ids(await s.findByKeys(['TrainingHeld|a|s1', 'TrainingHeld|a|s2']))).toEqual({
          'TrainingHeld|a|s1': [batch.events[0]!.id],
        })
      })

      it('indexes imported events (kept recordedAt and actor) like appended ones', async () => {
        const s = await fresh()
        const imported = {
          ...held('a', 's1'),
          recordedAt: '2016-12-31T00:00:00.000Z',
          actor: 'import (admin)',
        }
        await ok(s, req([imported]))
        expect(ids(await s.findByKeys(['TrainingHeld|a|s1']))).toEqual({ 'TrainingHeld|a|s1': [imported.id] })
      })
    })

    it('hands over from catch-up to live without skipping or repeating an event', async () => {
      const s = await fresh()
      await ok(s, req([ev('a'), ev('b'), ev('c')]))
      const seen: string[] = []
      const sub = s.subscribe({}, (e) => {
        seen.push(e.id)
      })
      const during = ok(s, req([ev('d')]))
      await sub.caughtUp
      await during
      await ok(s, req([ev('e'), ev('f')]))
      const all = (await s.readAll()).map((e) => e.id)
      for (let i = 0; i < 100 && seen.length < all.length; i++) await new Promise((r) => setTimeout(r, 20))
      await sub.close()
      expect(seen).toEqual(all)
    })

    it('subscribes from a position, delivering only what follows it', async () => {
      const s = await fresh()
      const r = await ok(s, req([ev('a'), ev('b'), ev('c')]))
      const seen: string[] = []
      const sub = s.subscribe({ after: r.events[1]!.position }, (e) => {
        seen.push(e.id)
      })
      await sub.caughtUp
      await sub.close()
      expect(seen).toEqual([r.events[2]!.id])
    })
  })
}
