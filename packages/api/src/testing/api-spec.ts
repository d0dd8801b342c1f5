/**
 * @module givenApi(): the real app over an in-memory store and in-memory read models, with a follower keeping
 * them current (as the server does), a token of each role, and a small city: 利州区 with 2 trainings and
 * 苍溪县 with 4, under a one-indicator scheme (学法不少于4次, 10 points, linear) — so 利州 scores 5.00 and
 * 苍溪 10.00. Requests go through `app.request`, no port.
 */
import { Writable } from 'node:stream'
import { appendValidated, importLog } from '@kaoping/app'
import { learningScheme, smallCity, trainingEvent } from '@kaoping/core/testing/small-city'
import { openProjector } from '@kaoping/projections'
import { createMemoryStore, createSqliteEvidenceStore, type EventStore } from '@kaoping/store'
import Database from 'better-sqlite3'
import * as E from 'fp-ts/Either'
import { type AppDeps, createApp } from '../app'
import { tokenBook } from '../auth/tokens'
import { createLogger } from '../observability/logger'
import { projectedReadModels } from '../read-models'

export const TOKENS = {
  admin: 'admin-token-0123456789abcdef',
  auditor: 'auditor-token-0123456789abcdef',
  reviewer: 'reviewer-token-0123456789abcdef',
  lizhou: 'reporter-lizhou-0123456789abcdef',
  cangxi: 'reporter-cangxi-0123456789abcdef',
} as const
export type As = keyof typeof TOKENS

export const SCHEME = learningScheme()
export const training = trainingEvent
/** 利州区 with 2 trainings, 苍溪县 with 4. */
export const CITY = smallCity({ lizhou: 2, cangxi: 4 }, SCHEME)

export interface Reply {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  // biome-ignore lint/suspicious/noExplicitAny: test replies are inspected field by field
  readonly json: any
}

export interface RequestOptions {
  readonly as?: As
  readonly body?: unknown
  /** Sent as is (no JSON encoding). */
  readonly raw?: string
  readonly headers?: Record<string, string>
}

export const givenApi = async (
  options: {
    readonly events?: ReadonlyArray<unknown>
    /** An event file imported as the city (ids, times and actors kept) instead of `events`. */
    readonly file?: string
    readonly bodyLimitBytes?: number
    /** Replaces parts of the app's dependencies (a lagging read model, a draining server…). */
    readonly with?: (deps: AppDeps) => AppDeps
  } = {}
) => {
  let minute = 0
  const store: EventStore = createMemoryStore({
    clock: () => new Date(Date.UTC(2026, 2, 1) + ++minute * 60_000).toISOString(),
  })
  // One append per event, so each is recorded a minute after the previous (as-of tests rely on it).
  if (options.file !== undefined) {
    const imported = await importLog(store, options.file)
    if (E.isLeft(imported)) throw new Error(`bad fixture: ${JSON.stringify(imported.left)}`)
  }
  for (const event of options.file !== undefined ? [] : (options.events ?? CITY)) {
    const seeded = await appendValidated(store, [event], {
      principal: { role: 'admin', name: 'fixture' },
      newId: () => crypto.randomUUID(),
    })
    if (E.isLeft(seeded)) throw new Error(`bad fixture: ${JSON.stringify(seeded.left)}`)
  }
  const db = new Database(':memory:')
  const projector = openProjector({ store, db })
  await projector.catchUp()
  const following = projector.follow({ pollMs: 20 })
  const logs: string[] = []
  const logger = createLogger({
    level: 'info',
    destination: new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk))
        done()
      },
    }),
  })
  const book = tokenBook([
    { token: TOKENS.admin, role: 'admin', name: '市局管理员' },
    { token: TOKENS.auditor, role: 'auditor', name: '审计员' },
    { token: TOKENS.reviewer, role: 'reviewer', name: '考核组' },
    { token: TOKENS.lizhou, role: 'reporter', unitId: 'lizhou' },
    { token: TOKENS.cangxi, role: 'reporter', unitId: 'cangxi' },
  ])
  if (E.isLeft(book)) throw new Error(JSON.stringify(book.left))
  const evidence = createSqliteEvidenceStore({ path: ':memory:' })
  const deps: AppDeps = {
    store,
    evidence,
    readModels: projectedReadModels({ store, db, projector, following }),
    tokens: book.right,
    logger,
    ...(options.bodyLimitBytes ? { bodyLimitBytes: options.bodyLimitBytes } : {}),
  }
  const app = createApp(options.with ? options.with(deps) : deps)

  const request = async (method: string, path: string, o: RequestOptions = {}): Promise<Reply> => {
    const headers: Record<string, string> = { ...(o.as ? { Authorization: `Bearer ${TOKENS[o.as]}` } : {}) }
    if (o.body !== undefined) headers['Content-Type'] = 'application/json'
    const res = await app.request(path, {
      method,
      headers: { ...headers, ...o.headers },
      ...(o.raw !== undefined
        ? { body: o.raw }
        : o.body !== undefined
          ? { body: JSON.stringify(o.body) }
          : {}),
    })
    const text = await res.text()
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    return { status: res.status, headers: res.headers, text, json }
  }

  return {
    app,
    store,
    evidence,
    db,
    projector,
    logs,
    request,
    get: (path: string, as: As = 'admin') => request('GET', path, { as }),
    post: (path: string, body: unknown, as: As = 'admin', headers?: Record<string, string>) =>
      request('POST', path, { as, body, ...(headers ? { headers } : {}) }),
    /** The whole log, to prove a rejected request stored nothing. */
    everything: async () => (await store.readAll()).map((e) => `${e.position}:${e.id}`),
    close: async () => {
      await following.stop()
      db.close()
    },
  }
}
export type Api = Awaited<ReturnType<typeof givenApi>>
