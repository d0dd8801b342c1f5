import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MAX_KEPT, unchanged } from './unchanged'

let dir: string
let reader: Database.Database
let writer: Database.Database
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kaoping-unchanged-'))
  reader = new Database(join(dir, 'f.db'))
  reader.pragma('journal_mode = WAL')
  reader.exec('CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1)')
  writer = new Database(join(dir, 'f.db'))
})
afterEach(() => {
  reader.close()
  writer.close()
  rmSync(dir, { recursive: true, force: true })
})

const storedValue = (db: Database.Database) => db.prepare('SELECT v FROM t').pluck().get() as number

describe('a read kept while the file is unchanged', () => {
  it('is read once while nothing is written', () => {
    const file = unchanged(reader)
    let reads = 0
    const read = () => file().get('v', () => (reads++, storedValue(reader)))
    expect([read(), read(), read()]).toEqual([1, 1, 1])
    expect(reads).toBe(1)
  })

  it.each([
    ['another connection committed', () => writer, 2],
    ['this connection wrote', () => reader, 3],
  ] as const)('is read again once %s', (_, by, value) => {
    const file = unchanged(reader)
    const read = () => file().get('v', () => storedValue(reader))
    expect(read()).toBe(1)
    by().prepare(`UPDATE t SET v = ${value}`).run()
    expect(read()).toBe(value)
  })

  it('keeps no more than MAX_KEPT values however many names are asked (a request names them)', () => {
    const file = unchanged(reader)
    let reads = 0
    for (let i = 0; i < MAX_KEPT + 10; i++) file().get(`made-up-${i}`, () => reads++)
    for (let i = 0; i < MAX_KEPT + 10; i++) file().get(`made-up-${i}`, () => reads++)
    // the first MAX_KEPT were kept; the 10 beyond them are read each time they are asked
    expect(reads).toBe(MAX_KEPT + 10 + 10)
  })

  it('is not changed by another connection’s rolled-back write', () => {
    const file = unchanged(reader)
    let reads = 0
    const read = () => file().get('v', () => (reads++, storedValue(reader)))
    read()
    writer.exec('BEGIN IMMEDIATE; UPDATE t SET v = 9; ROLLBACK')
    expect(read()).toBe(1)
    expect(reads).toBe(1)
  })
})
