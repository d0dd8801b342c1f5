import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { importLog } from '@kaoping/app'
import { liveTables, openProjector, ranking } from '@kaoping/projections'
import { createSqliteStore } from '@kaoping/store'
import Database from 'better-sqlite3'
import * as E from 'fp-ts/Either'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDemoCity } from '../../../../examples/demo-city/generate'
import { givenApi } from '../testing/api-spec'
import { QueryQueueFull, startQueryThread } from './query-thread'

const SCHEME = 'guangyuan-districts-2017'
const dir = mkdtempSync(join(tmpdir(), 'kaoping-query-thread-'))
const path = join(dir, 'city.db')
let db: Database.Database

beforeAll(async () => {
  const store = createSqliteStore({ path, clock: () => new Date().toISOString() })
  await importLog(
    store,
    generateDemoCity()
      .map((l) => JSON.stringify(l))
      .join('\n')
  )
  db = new Database(path)
  db.pragma('journal_mode = WAL')
  await openProjector({ store, db }).catchUp()
  await store.close()
}, 60_000)
afterAll(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the query thread', () => {
  it('scores an as-of ranking on its own connection, byte for byte what this thread would', async () => {
    const q = { schemeId: SCHEME, asOf: '2017-09-15' }
    const here = ranking(db, liveTables(db), q)
    const thread = startQueryThread({ path })
    try {
      const answer = await thread.run({ kind: 'ranking', query: q, format: 'json', view: 'full' })
      expect(answer.ok).toBe(true)
      if (!answer.ok || E.isLeft(here)) throw new Error('no answer')
      expect(new TextDecoder().decode(answer.body)).toBe(JSON.stringify(here.right.result))
      const unknown = await thread.run({
        kind: 'ranking',
        query: { schemeId: 'nope', asOf: '2017-09-15' },
        format: 'csv',
        view: 'full',
      })
      expect(unknown).toEqual({ ok: false, error: { _tag: 'SchemeNotFound', schemeId: 'nope' } })
    } finally {
      await thread.stop()
    }
  }, 60_000)

  it('refuses a job at once when its queue is full, and takes jobs again once it has room', async () => {
    const thread = startQueryThread({ path, capacity: 1, retryAfter: 3 })
    try {
      const job = {
        kind: 'ranking',
        query: { schemeId: SCHEME, asOf: '2017-08-31' },
        format: 'xlsx',
        view: 'full',
      } as const
      const first = thread.run(job)
      await expect(thread.run(job)).rejects.toBeInstanceOf(QueryQueueFull)
      expect((await first).ok).toBe(true)
      expect((await thread.run(job)).ok).toBe(true)
    } finally {
      await thread.stop()
    }
  }, 60_000)
})

describe('the ranking route with a query thread', () => {
  it('answers 503 with Retry-After when the queue is full, and the current ranking meanwhile', async () => {
    const api = await givenApi({
      with: (deps) => ({
        ...deps,
        readModels: {
          ...deps.readModels,
          query: () => Promise.reject(new QueryQueueFull(4, 2)),
        },
      }),
    })
    try {
      const busy = await api.get('/v1/schemes/test-2026/ranking?asOf=2026-03-01&format=xlsx')
      expect(busy.status).toBe(503)
      expect(busy.headers.get('Retry-After')).toBe('2')
      expect(busy.json.error.code).toBe('query_queue_full')
      expect((await api.get('/v1/schemes/test-2026/ranking')).status).toBe(200)
    } finally {
      api.close()
    }
  })
})
