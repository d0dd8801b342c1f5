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
