import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { StoreOpenError } from '../errors'
import { CURRENT_VERSION } from './schema'
import { createSqliteStore } from './sqlite-store'

const dir = mkdtempSync(join(tmpdir(), 'kaoping-open-'))
const clock = () => '2017-01-01T00:00:00.000Z'
const open = (path: string) => () => createSqliteStore({ path, clock })

describe('opening a SQLite file', () => {
  it('creates a new file with the current schema and reopens it', async () => {
    const path = join(dir, 'new.db')
    await open(path)().close()
    const db = new Database(path)
    expect(db.pragma('user_version', { simple: true })).toBe(CURRENT_VERSION)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    db.close()
    await open(path)().close()
  })

  it('gives a file its store identity once: kept on reopening, added to a file from before identities', async () => {
    const path = join(dir, 'identity.db')
    const s = open(path)()
    const id = await s.identity()
    await s.close()
    expect(id).toMatch(/^sqlite:[0-9a-f]{32}$/)
    const reopened = open(path)()
    expect(await reopened.identity()).toBe(id)
    await reopened.close()
    // A version-1 file (events only): the upgrade gives it an identity of its own.
    const old = join(dir, 'v1.db')
    const db = new Database(old)
    db.exec(
      `CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE,
         stream TEXT NOT NULL, revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL,
         recorded_at TEXT NOT NULL, actor TEXT NOT NULL, schema_version INTEGER NOT NULL, UNIQUE (stream, revision))`
    )
    db.pragma('application_id = 0x4b504e47')
    db.pragma('user_version = 1')
    db.close()
    const upgraded = open(old)()
    const upgradedId = await upgraded.identity()
    await upgraded.close()
    expect(upgradedId).toMatch(/^sqlite:[0-9a-f]{32}$/)
    expect(upgradedId).not.toBe(id)
  })

  it('indexes the events of a file from before business ids when it is opened, once (and reads them when read-only)', async () => {
    const path = join(dir, 'v2.db')
    const s = open(path)()
    const fact = {
      id: '30000000-0000-4000-8000-000000000001',
      stream: 'unit-a',
      type: 'TrainingHeld',
      data: {
        unitId: 'a',
        occurredOn: '2017-03-01',
        sessionId: 's1',
        kind: 'lecture',
        topic: '学法',
        attendees: 9,
      },
    }
    const retraction = {
      id: '30000000-0000-4000-8000-000000000002',
      stream: 'unit-a',
      type: 'EventRetracted',
      data: { unitId: 'a', occurredOn: '2017-04-01', targetEventId: fact.id, reason: '错误' },
    }
    await s.append({ events: [fact, retraction], actor: 'city (admin)' })
    await s.close()
    // What a release before business ids left behind: version 2, no key table.
    const db = new Database(path)
    db.exec('DROP TABLE event_keys')
    db.pragma('user_version = 2')
    db.close()
    const wanted = ['TrainingHeld|a|s1', `undo|${fact.id}`]
    const readOnly = createSqliteStore({ path, clock, readonly: true })
    const before = await readOnly.findByKeys(wanted)
    await readOnly.close()
    expect([...before].map(([key, es]) => [key, es.map((e) => e.id)])).toEqual([
      ['TrainingHeld|a|s1', [fact.id]],
      [`undo|${fact.id}`, [retraction.id]],
    ])
    const upgraded = open(path)()
    const found = await upgraded.findByKeys(wanted)
    await upgraded.close()
    expect([...found].map(([key, es]) => [key, es.map((e) => e.id)])).toEqual([
      ['TrainingHeld|a|s1', [fact.id]],
      [`undo|${fact.id}`, [retraction.id]],
    ])
    const after = new Database(path)
    expect(after.pragma('user_version', { simple: true })).toBe(CURRENT_VERSION)
    expect(after.prepare('SELECT count(*) AS n FROM event_keys').get()).toEqual({ n: 2 })
    after.close()
    // Opened again, nothing is indexed twice.
    await open(path)().close()
    const again = new Database(path)
    expect(again.prepare('SELECT count(*) AS n FROM event_keys').get()).toEqual({ n: 2 })
    again.close()
  })

  it('refuses another program’s SQLite database instead of writing into it', () => {
    const path = join(dir, 'foreign.db')
    const db = new Database(path)
    db.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)')
    db.close()
    expect(open(path)).toThrow(StoreOpenError)
    expect(open(path)).toThrow(/不是 kaoping 数据库/)
  })

  it('refuses a file written by a newer release', () => {
    const path = join(dir, 'newer.db')
    const s = open(path)()
    s.close()
    const db = new Database(path)
    db.pragma(`user_version = ${CURRENT_VERSION + 1}`)
    db.close()
    expect(open(path)).toThrow(/高于本程序支持的/)
  })

  it('refuses a file that is not SQLite at all', () => {
    const path = join(dir, 'text.db')
    writeFileSync(path, 'x'.repeat(4096))
    expect(open(path)).toThrow(/不是有效的 SQLite 数据库或已损坏/)
  })
})
