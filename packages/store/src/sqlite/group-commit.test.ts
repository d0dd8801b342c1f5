import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import type { NewEvent } from '../port'
import { createSqliteStore } from './sqlite-store'

const dir = mkdtempSync(join(tmpdir(), 'kaoping-group-'))
let n = 0
const open = () =>
  createSqliteStore({ path: join(dir, `g-${++n}.db`), clock: () => '2017-01-01T00:00:00.000Z' })
const event = (id: number, stream: string, data: unknown = { n: id }): NewEvent => ({
  id: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
  stream,
  type: 'Noted',
  data,
})

describe('appends arriving together (group commit)', () => {
  it('stores each batch whole or not at all: a stale batch among them is refused alone', async () => {
    const store = open()
    const [a, b, c] = await Promise.all([
      store.append({ events: [event(1, 's1'), event(2, 's1')], actor: 't' }),
      store.append({ events: [event(3, 's2')], expected: new Map([['s2', 5n]]), actor: 't' }),
      store.append({ events: [event(4, 's3')], actor: 't' }),
    ])
    expect(E.isRight(a!) && a.right.events.map((e) => e.position)).toEqual([1n, 2n])
    expect(E.isLeft(b!) && b.left._tag).toBe('WrongExpectedVersion')
    expect(E.isRight(c!) && c.right.events.map((e) => e.position)).toEqual([3n])
    expect((await store.readAll()).map((e) => e.id.slice(-1))).toEqual(['1', '2', '4'])
    await store.close()
  })

  it('answers a reused id with other content as a conflict while the batch beside it is stored', async () => {
    const store = open()
    const [a, b, c] = await Promise.all([
      store.append({ events: [event(1, 's1')], actor: 't' }),
      store.append({ events: [event(1, 's9', { other: true })], actor: 't' }),
      store.append({ events: [event(1, 's1')], actor: 't' }),
    ])
    expect(E.isRight(a!)).toBe(true)
    expect(E.isLeft(b!) && b.left._tag).toBe('IdConflict')
    // The same id and content again in the same group: acknowledged as a repeat, stored once.
    expect(E.isRight(c!) && c.right.duplicate).toBe(true)
    expect(await store.readAll()).toHaveLength(1)
    await store.close()
  })

  it('writes appends queued before close, and answers them', async () => {
    const store = open()
    const pending = store.append({ events: [event(7, 's1')], actor: 't' })
    await store.close()
    expect(E.isRight(await pending)).toBe(true)
  })
})
