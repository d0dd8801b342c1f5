/** What the EventStoreDB adapter adds beyond the contract: the append path taken, errors mapped, system events hidden, gossip, resubscription. */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/Either'
import { afterEach, describe, expect, it } from 'vitest'
import { StoreUnavailableError } from '../errors'
import type { EventStore, RecordedEvent } from '../port'
import { createEsdbStore } from './esdb-store'
import { type FakeServer, startFakeServer } from './testing/fake-server'

const clock = () => '2017-05-01T00:00:00.000Z'
let opened: Array<EventStore | FakeServer> = []
const track = <T extends EventStore | FakeServer>(x: T) => {
  opened.push(x)
  return x
}
afterEach(async () => {
  for (const x of opened.reverse()) await ('append' in x ? x.close() : x.stop())
  opened = []
})
const event = (n: number, stream = 'unit-a') => ({
  id: `20000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  stream,
  type: 'TrainingHeld',
  data: { n },
})

describe('the EventStoreDB adapter', () => {
  it('appends through BatchAppend when the server advertises it, and through Append when it answers no features', async () => {
    for (const serverFeatures of [true, false]) {
      const server = track(await startFakeServer({ serverFeatures }))
      const store = track(createEsdbStore({ connectionString: server.connectionString, clock }))
      expect(E.isRight(await store.append({ events: [event(1), event(2, 'unit-b')], actor: 't' }))).toBe(true)
      expect(server.calls).toEqual(
        serverFeatures ? { append: 0, batchAppend: 2 } : { append: 2, batchAppend: 0 }
      )
    }
  })

  it('hides the server’s `$` system events: a fresh server reads as an empty log at position 0', async () => {
    const server = track(await startFakeServer())
    expect(server.log.all().length).toBeGreaterThan(0)
    const store = track(createEsdbStore({ connectionString: server.connectionString, clock }))
    expect(await store.readAll()).toEqual([])
    expect(await store.headPosition()).toBe(0n)
  })

  it('answers an unreachable server as StoreUnavailable on the first call (raw gRPC code 14) and after', async () => {
    const server = await startFakeServer()
    const url = server.connectionString
    await server.stop()
    const store = track(createEsdbStore({ connectionString: url, clock }))
    const first = await store.append({ events: [event(1)], actor: 't' })
    expect(E.isLeft(first) && first.left._tag).toBe('StoreUnavailable')
    await expect(store.readAll()).rejects.toBeInstanceOf(StoreUnavailableError)
  })

  it('hints to add tls=false when a connection string without it meets a server that does not speak TLS', async () => {
    const server = track(await startFakeServer())
    // The client's default is TLS on; the fake, like `eventstored --insecure`, speaks plaintext.
    const store = track(createEsdbStore({ connectionString: `esdb://127.0.0.1:${server.port}`, clock }))
    const read = await store.readAll().catch((e: unknown) => e)
    expect(read).toBeInstanceOf(StoreUnavailableError)
    expect((read as Error).message).toMatch(/请在连接串末尾加上 \?tls=false/)
    const appended = await store.append({ events: [event(1)], actor: 't' })
    expect(E.isLeft(appended) && appended.left._tag === 'StoreUnavailable' && appended.left.detail).toMatch(
      /tls=false/
    )
    // A server that is simply not there gets no such hint.
    const gone = await startFakeServer()
    const url = gone.connectionString
    await gone.stop()
    const away = track(createEsdbStore({ connectionString: url, clock }))
    const refused = await away.readAll().catch((e: unknown) => e)
    expect((refused as Error).message).not.toMatch(/tls=false/)
  })

  it('names the database by its first event: the same after reconnecting, another once the server restarts empty', async () => {
    const server = await startFakeServer()
    const store = track(createEsdbStore({ connectionString: server.connectionString, clock }))
    expect(await store.identity()).toBe('esdb:empty')
    await store.append({ events: [event(1), event(2)], actor: 't' })
    const [first] = await store.readAll()
    const id = await store.identity()
    expect(id).toBe(`esdb:${first!.id}@${first!.position}`)
    await store.append({ events: [event(3)], actor: 't' })
    const again = track(createEsdbStore({ connectionString: server.connectionString, clock }))
    expect(await again.identity()).toBe(id)
    // The same port, a new empty log: what a server without a data directory is after a restart.
    await server.stop()
    track(await startFakeServer({}, server.port))
    // The client's channel reconnects on its own; the first calls may still find it closed.
    const reconnected = async (): Promise<string> => {
      for (let i = 0; ; i++)
        try {
          return await store.identity()
        } catch (e) {
          if (!(e instanceof StoreUnavailableError) || i >= 50) throw e
          await new Promise((r) => setTimeout(r, 100))
        }
    }
    expect(await reconnected()).toBe('esdb:empty')
    await store.append({ events: [event(4)], actor: 't' })
    expect(await store.identity()).not.toBe(id)
  })

  it('finds the cluster’s leader through gossip (esdb+discover://)', async () => {
    const server = track(await startFakeServer())
    const store = track(
      createEsdbStore({ connectionString: `esdb+discover://127.0.0.1:${server.port}?tls=false`, clock })
    )
    expect(E.isRight(await store.append({ events: [event(1)], actor: 't' }))).toBe(true)
    expect((await store.readStream('unit-a')).map((e) => e.data)).toEqual([{ n: 1 }])
  })

  it('resubscribes after the server drops the subscription and delivers every event once', async () => {
    const server = track(await startFakeServer())
    const store = track(createEsdbStore({ connectionString: server.connectionString, clock }))
    await store.append({ events: [event(1)], actor: 't' })
    const seen: RecordedEvent[] = []
    const sub = store.subscribe({}, (e) => {
      seen.push(e)
    })
    await sub.caughtUp
    server.dropSubscriptions()
    await store.append({ events: [event(2)], actor: 't' })
    server.dropSubscriptions()
    await store.append({ events: [event(3)], actor: 't' })
    await expect.poll(() => seen.length, { timeout: 5000 }).toBe(3)
    await new Promise((r) => setTimeout(r, 300))
    expect(seen.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }])
    await sub.close()
  })

  it('refuses to complete a retried batch when a stream it had not reached moved in between', async () => {
    const server = track(await startFakeServer())
    const store = track(createEsdbStore({ connectionString: server.connectionString, clock }))
    await store.append({ events: [event(9, 'case-1')], actor: 't' })
    // The batch expected case-1 at revision 0; its first run (unit-a) was written before the fault.
    const expected = new Map([['case-1', 0n]])
    await store.append({ events: [event(1, 'unit-a')], actor: 't' })
    await store.append({ events: [event(8, 'case-1')], actor: 'another writer' })
    const retry = await store.append({
      events: [event(1, 'unit-a'), event(2, 'case-1')],
      expected,
      actor: 't',
    })
    expect(E.isLeft(retry) && retry.left).toMatchObject({
      _tag: 'WrongExpectedVersion',
      stream: 'case-1',
      actual: 1n,
    })
  })

  it('completes a batch a retry repeats after it failed midway, from the events already written', async () => {
    const server = track(await startFakeServer())
    const store = track(createEsdbStore({ connectionString: server.connectionString, clock }))
    // What a fault midway leaves: the first run of the batch written, the second not.
    expect(E.isRight(await store.append({ events: [event(1, 'unit-a')], actor: 't' }))).toBe(true)
    const retry = await store.append({ events: [event(1, 'unit-a'), event(2, 'unit-b')], actor: 't' })
    expect(E.isRight(retry) && retry.right.events.map((e) => [e.stream, e.revision])).toEqual([
      ['unit-a', 0n],
      ['unit-b', 0n],
    ])
    expect((await store.readAll()).map((e) => e.id)).toEqual([event(1).id, event(2).id])
  })
})

describe('the id and key index in the node’s SQLite file', () => {
  const training = (n: number, sessionId: string) => ({
    ...event(n),
    data: { unitId: 'a', occurredOn: '2017-05-01', sessionId, kind: 'lecture', topic: '学法', attendees: 3 },
  })
  const indexFile = () => join(mkdtempSync(join(tmpdir(), 'kaoping-esdb-index-')), 'read-models.db')

  it('keeps it across restarts: the next process reads only the events after it, and finds the earlier ones', async () => {
    // given 1,200 events appended by a store with its index in a file, then the process gone
    const server = track(await startFakeServer())
    const file = indexFile()
    const first = createEsdbStore({ connectionString: server.connectionString, clock, indexFile: file })
    for (let b = 0; b < 12; b++) {
      const batch = Array.from({ length: 100 }, (_, i) => training(b * 100 + i + 1, `s${b * 100 + i + 1}`))
      expect(E.isRight(await first.append({ events: batch, actor: 't' }))).toBe(true)
    }
    await first.close()
    // when another process opens the file, two more events having come meanwhile from another node
    const other = track(createEsdbStore({ connectionString: server.connectionString, clock }))
    await other.append({ events: [training(1201, 's1201'), training(1202, 's1202')], actor: 't' })
    const before = server.sent.all
    const next = track(createEsdbStore({ connectionString: server.connectionString, clock, indexFile: file }))
    const found = await next.findEvents([event(1).id, event(1201).id])
    const byKey = await next.findByKeys(['TrainingHeld|a|s2'])
    // then it read from `$all` the new events (and a few for its identity check), not the 1,200 again
    expect(server.sent.all - before).toBeLessThan(50)
    expect([...found.keys()]).toEqual([event(1).id, event(1201).id])
    expect(byKey.get('TrainingHeld|a|s2')?.map((e) => e.id)).toEqual([event(2).id])
  })

  /** A fresh server holding the trainings numbered `ns`, each appended alone (a database restored, then written). */
  const serverWith = async (ns: ReadonlyArray<number>) => {
    const server = track(await startFakeServer())
    const writer = track(createEsdbStore({ connectionString: server.connectionString, clock }))
    for (const n of ns) await writer.append({ events: [training(n, `s${n}`)], actor: 't' })
    return { server, writer }
  }
  /** A file indexed from a server holding the trainings numbered `ns` (that store then closed). */
  const indexedFrom = async (ns: ReadonlyArray<number>) => {
    const file = indexFile()
    const { server } = await serverWith([])
    const a = createEsdbStore({ connectionString: server.connectionString, clock, indexFile: file })
    for (const n of ns) await a.append({ events: [training(n, `s${n}`)], actor: 't' })
    await a.close()
    return { file, server }
  }
  const openOn = (server: FakeServer, file: string) =>
    track(createEsdbStore({ connectionString: server.connectionString, clock, indexFile: file }))

  it('empties an index read from another EventStoreDB instead of pointing into this one', async () => {
    // given a file indexed from one server, whose first event sits at unit-a revision 0
    const { file } = await indexedFrom([1])
    // when a store of another server, holding more events (another one at unit-a revision 0), opens the file
    const { server: two } = await serverWith([2, 3, 4])
    const b = openOn(two, file)
    // then the first server's event is not found there, and every one of this one's is (none skipped)
    expect((await b.findEvents([event(1).id])).size).toBe(0)
    expect((await b.findByKeys(['TrainingHeld|a|s1'])).size).toBe(0)
    expect([...(await b.findEvents([2, 3, 4].map((n) => event(n).id))).keys()]).toEqual(
      [2, 3, 4].map((n) => event(n).id)
    )
    expect((await b.findByKeys(['TrainingHeld|a|s2'])).get('TrainingHeld|a|s2')?.map((e) => e.id)).toEqual([
      event(2).id,
    ])
  })

  it('empties an index ahead of the database it names (restored from an older backup)', async () => {
    // given a file indexed from a server up to its fifth event
    const { file, server: one } = await indexedFrom([1, 2, 3, 4, 5])
    // when the database is back from a backup of its first two events (the same first event: the same name),
    // and another event is written where the third was
    const { server: restored, writer } = await serverWith([1, 2, 6])
    expect(await writer.identity()).toBe(
      await track(createEsdbStore({ connectionString: one.connectionString, clock })).identity()
    )
    const b = openOn(restored, file)
    // then the new event is found, and the lost ones are not
    expect([...(await b.findEvents([6, 3].map((n) => event(n).id))).keys()]).toEqual([event(6).id])
    expect((await b.findByKeys(['TrainingHeld|a|s3'])).size).toBe(0)
  })

  it('empties an index whose last event is no longer where it was (restored, then written past it)', async () => {
    // given a file indexed up to a fifth event, and the database restored from its first two and written past
    // that position since (the same name, a head beyond the index)
    const { file } = await indexedFrom([1, 2, 3, 4, 5])
    const { server: restored } = await serverWith([1, 2, 6, 7, 8, 9])
    const b = openOn(restored, file)
    // then the events written since are all found, and the lost ones are not
    expect([...(await b.findEvents([3, 6, 9].map((n) => event(n).id))).keys()]).toEqual(
      [6, 9].map((n) => event(n).id)
    )
    expect((await b.findByKeys(['TrainingHeld|a|s3'])).size).toBe(0)
  })

  it('never answers with another event than the one asked for, where a location holds another', async () => {
    // given a file indexed up to a fifth event, and the database restored from its first two and its lost part
    // written again with another third event (the last one indexed is where it was: nothing says stale)
    const { file } = await indexedFrom([1, 2, 3, 4, 5])
    const { server: restored } = await serverWith([1, 2, 6, 4, 5])
    const b = openOn(restored, file)
    // when the lost third event is asked for, by id and by key (its location now holds the sixth)
    // then nothing is answered rather than the sixth
    expect((await b.findEvents([event(3).id])).size).toBe(0)
    expect((await b.findByKeys(['TrainingHeld|a|s3'])).size).toBe(0)
  })
})
