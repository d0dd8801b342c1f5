/** The rebuild killed with SIGKILL at random points and restarted ends with read models identical to a clean one. */
import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { importLog } from '@kaoping/app'
import { createSqliteStore } from '@kaoping/store'
import Database from 'better-sqlite3'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { generateDemoCity } from '../../../examples/demo-city/generate'
import { tablesOf } from './tables'

const dir = mkdtempSync(join(tmpdir(), 'kaoping-rebuild-'))
const WORKER = new URL('./testing/rebuild-worker.ts', import.meta.url).pathname
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', WORKER, ...args], { encoding: 'utf8', timeout: 30_000 })

/** A hash of every read model's rows, whatever generation they live in. */
const readModelHash = (path: string): string => {
  const db = new Database(path, { readonly: true })
  const generation = Number(
    (db.prepare("SELECT value FROM pj_meta WHERE key = 'active_generation'").get() as { value: string }).value
  )
  const t = tablesOf(generation)
  const hash = createHash('sha256')
  for (const [table, order] of [
    [t.checkpoint, 'id'],
    [t.events, 'position'],
    [t.units, 'unit_id'],
    [t.rankings, 'scheme_id'],
    [t.unitResults, 'scheme_id, unit_id'],
    [t.unitEvents, 'scheme_id, unit_id, slot'],
  ] as const)
    for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all())
      hash.update(JSON.stringify(row))
  db.close()
  return hash.digest('hex')
}

const buildingAfterKill = (path: string): boolean => {
  const db = new Database(path, { readonly: true })
  const started = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'pj_meta'").get() !== undefined
  const row = started
    ? db.prepare("SELECT value FROM pj_meta WHERE key = 'building_generation'").get()
    : undefined
  db.close()
  return row !== undefined
}

describe('rebuild under SIGKILL', () => {
  it('ends, after random kills and a restart, with read models identical to one clean rebuild (8 kill points)', async () => {
    const base = join(dir, 'base.db')
    const store = createSqliteStore({ path: base, clock: () => new Date().toISOString() })
    const imported = await importLog(
      store,
      generateDemoCity()
        .map((l) => JSON.stringify(l))
        .join('\n')
    )
    expect(E.isRight(imported)).toBe(true)
    await store.close()

    const clean = join(dir, 'clean.db')
    copyFileSync(base, clean)
    expect(run('rebuild', clean).stdout).toMatch(/^done/m)
    const expected = readModelHash(clean)

    let interrupted = 0
    for (let i = 0; i < 8; i++) {
      const path = join(dir, `killed-${i}.db`)
      copyFileSync(base, path)
      // The killed and the restarted runner write the event index on a thread (the clean one here): the same rows.
      const child = spawn(process.execPath, ['--import', 'tsx', WORKER, 'rebuild', path, '20', '0', '0'], {
        stdio: ['ignore', 'pipe', 'ignore'],
      })
      const exited = new Promise((r) => child.on('exit', r))
      // Kill after a random number of committed pages (of ≈ 310), a random moment later: inside or between commits;
      // the last two kill points after the last page, while the index is written on its thread, the units scored
      // and the generation switched.
      const finishing = i >= 6
      const after = 1 + Math.floor(Math.random() * 250)
      let pages = 0
      child.stdout.on('data', (d: Buffer) => {
        const lines = d.toString().split('\n')
        pages += lines.filter((l) => l.startsWith('page')).length
        const due = finishing ? lines.some((l) => l.endsWith(' last')) : pages >= after
        if (due && child.exitCode === null)
          setTimeout(() => child.kill('SIGKILL'), finishing ? Math.random() * 20 : Math.random() * 5)
      })
      await exited
      if (buildingAfterKill(path)) interrupted++
      // Restart: the next runner finishes the interrupted generation, taking over the dead runner's lease.
      const restarted = run('resume', path, '100', '0', '0')
      expect(restarted.status, restarted.stderr).toBe(0)
      expect(readModelHash(path), `kill point ${i}`).toBe(expected)
    }
    // The kills must have landed inside rebuilds, or this proves nothing.
    expect(interrupted).toBeGreaterThanOrEqual(6)
    // Seventeen processes, each loading tsx and rebuilding the demo city: 40–60 s on a quiet machine.
  }, 180_000)
})

describe('two runners on one database', () => {
  it('lets one do the work while the other fails clearly; never both', async () => {
    const base = join(dir, 'two.db')
    const store = createSqliteStore({ path: base, clock: () => new Date().toISOString() })
    await importLog(
      store,
      generateDemoCity()
        .map((l) => JSON.stringify(l))
        .join('\n')
    )
    await store.close()
    const start = (mode: string) => {
      // Pages of 100, each read 50 ms late: the first runner works for ≈ 3 s.
      const child = spawn(process.execPath, ['--import', 'tsx', WORKER, mode, base, '100', '50'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let out = ''
      child.stdout.on('data', (d: Buffer) => (out += d.toString()))
      child.stderr.on('data', (d: Buffer) => (out += d.toString()))
      return new Promise<{ code: number | null; out: string }>((resolve) =>
        child.on('exit', (code) => resolve({ code, out }))
      )
    }
    const first = start('rebuild')
    // Start the second runner once the first holds the lease.
    const leased = () => {
      const db = new Database(base, { readonly: true })
      try {
        return (
          db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'pj_meta'").get() !== undefined &&
          db.prepare("SELECT 1 FROM pj_meta WHERE key = 'lock'").get() !== undefined
        )
      } finally {
        db.close()
      }
    }
    for (let i = 0; i < 500 && !leased(); i++) await new Promise((r) => setTimeout(r, 10))
    const [a, b] = await Promise.all([first, start('rebuild')])
    expect(a.code).toBe(0)
    expect(b.code).not.toBe(0)
    expect(b.out).toContain('正在运行，本进程不重复处理')
  })
})
