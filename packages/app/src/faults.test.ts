/** Faults that must be survived, with real processes: SIGKILL mid-append, concurrent writers, a full or read-only file. */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSqliteStore } from '@kaoping/store'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { appendValidated } from './append-events'

const dir = mkdtempSync(join(tmpdir(), 'kaoping-faults-'))
const WORKER = new URL('./testing/append-worker.ts', import.meta.url).pathname
const clock = () => new Date().toISOString()
const worker = (...args: string[]) =>
  spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })

const lines = (child: ChildProcess, onLine: (line: string) => void) => {
  let buffer = ''
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString()
    let i = buffer.indexOf('\n')
    while (i !== -1) {
      onLine(buffer.slice(0, i))
      buffer = buffer.slice(i + 1)
      i = buffer.indexOf('\n')
    }
  })
}
const exited = (child: ChildProcess) => new Promise<void>((resolve) => child.on('exit', () => resolve()))

describe('SQLite store under faults', () => {
  it('keeps every acknowledged batch whole and no batch in part when the writer is killed (SIGKILL, 12 random points)', async () => {
    const SIZE = 25
    for (let run = 0; run < 12; run++) {
      const path = join(dir, `kill-${run}.db`)
      const child = worker('batches', path, String(SIZE))
      const acked: number[] = []
      // Kill after a random number of acknowledgements, then at a random moment within the next batches.
      const target = 1 + Math.floor(Math.random() * 40)
      await new Promise<void>((resolve) => {
        lines(child, (line) => {
          acked.push(Number(line.split(' ')[1]))
          if (acked.length === target) setTimeout(() => child.kill('SIGKILL'), Math.random() * 15)
        })
        child.on('exit', () => resolve())
      })
      const store = createSqliteStore({ path, clock })
      const counts = new Map<number, number>()
      for (const e of await store.readAll()) {
        const batch = (e.data as { batch: number }).batch
        counts.set(batch, (counts.get(batch) ?? 0) + 1)
      }
      await store.close()
      for (const n of acked) expect(counts.get(n), `acknowledged batch ${n} in run ${run}`).toBe(SIZE)
      for (const [n, c] of counts) expect(c, `batch ${n} in run ${run}`).toBe(SIZE)
    }
  })

  it('gives each revision of a stream to exactly one of 4 concurrent processes; losers get a conflict and retry', async () => {
    const path = join(dir, 'race.db')
    createSqliteStore({ path, clock }).close()
    const children = Array.from({ length: 4 }, () => worker('hearings', path, 'case-race', '40'))
    const conflicts: number[] = []
    for (const c of children) lines(c, (l) => conflicts.push(Number(l.split(' ')[1])))
    await Promise.all(children.map(exited))
    const store = createSqliteStore({ path, clock })
    const stream = await store.readStream('case-race')
    await store.close()
    expect(stream).toHaveLength(160)
    expect(stream.map((e) => e.revision)).toEqual(Array.from({ length: 160 }, (_, i) => BigInt(i)))
    expect(conflicts).toHaveLength(4)
  })

  it('lets exactly one of 4 processes record the first-instance decision of one case', async () => {
    const path = join(dir, 'decide.db')
    const setup = createSqliteStore({ path, clock })
    await appendValidated(
      setup,
      [
        { type: 'UnitRegistered', data: { unitId: 'jiange', name: '剑阁县', kind: 'district' } },
        {
          type: 'CaseOpened',
          data: {
            unitId: 'jiange',
            occurredOn: '2017-03-01',
            caseId: 'c1',
            kind: 'administrative_litigation',
          },
        },
      ],
      { principal: { role: 'admin', name: 'admin' }, newId: () => crypto.randomUUID() }
    )
    await setup.close()
    const children = ['won', 'lost', 'won', 'lost'].map((o) => worker('decide', path, 'c1', o))
    const outcomes: string[] = []
    for (const c of children) lines(c, (l) => outcomes.push(l))
    await Promise.all(children.map(exited))
    expect(outcomes.filter((o) => o === 'won')).toHaveLength(1)
    // A loser either lost the race on the revision or, arriving later, saw the decision already made.
    for (const o of outcomes.filter((x) => x !== 'won'))
      expect(['WrongExpectedVersion', 'Rejected', 'StorageBusy']).toContain(o)
    const store = createSqliteStore({ path, clock })
    expect((await store.readStream('case-c1')).map((e) => e.type)).toEqual(['CaseOpened', 'CaseDecided'])
    await store.close()
  })

  it('answers a full disk with StorageFull and stays consistent', async () => {
    const path = join(dir, 'full.db')
    const store = createSqliteStore({ path, clock, maxPageCount: 40 })
    const small = await store.append({
      events: [{ id: crypto.randomUUID(), stream: 's', type: 'T', data: { n: 1 } }],
      actor: 'a',
    })
    expect(E.isRight(small)).toBe(true)
    const big = Array.from({ length: 500 }, (_, i) => ({
      id: crypto.randomUUID(),
      stream: 's',
      type: 'T',
      data: { n: i, pad: 'x'.repeat(400) },
    }))
    expect(await store.append({ events: big, actor: 'a' })).toEqual(E.left({ _tag: 'StorageFull' }))
    expect(await store.readStream('s')).toHaveLength(1)
    const next = await store.append({
      events: [{ id: crypto.randomUUID(), stream: 's', type: 'T', data: { n: 2 } }],
      expected: new Map([['s', 0n]]),
      actor: 'a',
    })
    expect(E.isRight(next) && next.right.events[0]!.revision).toBe(1n)
    await store.close()
  })

  it('answers an append to a read-only database with StorageReadOnly', async () => {
    const path = join(dir, 'ro.db')
    await createSqliteStore({ path, clock }).close()
    const store = createSqliteStore({ path, clock, readonly: true })
    expect(
      await store.append({
        events: [{ id: crypto.randomUUID(), stream: 's', type: 'T', data: {} }],
        actor: 'a',
      })
    ).toEqual(E.left({ _tag: 'StorageReadOnly' }))
    await store.close()
  })
})
