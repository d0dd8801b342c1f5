/** The directory adapter killed mid-write (SIGKILL, a real process): no file named by a hash is ever partial. */
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDirEvidenceStore } from './dir-evidence'
import { sha256Of } from './sqlite-evidence'

const WORKER = new URL('./testing/put-worker.ts', import.meta.url).pathname
const HASH = /^[0-9a-f]{64}$/

describe('directory evidence store under SIGKILL', () => {
  it('keeps every acknowledged file, and every file named by a hash holds exactly those bytes (4 random points)', async () => {
    for (let run = 0; run < 4; run++) {
      const dir = mkdtempSync(join(tmpdir(), 'kaoping-evidence-kill-'))
      const child = spawn(process.execPath, ['--import', 'tsx', WORKER, dir], {
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      const acked: string[] = []
      const target = 1 + Math.floor(Math.random() * 4)
      await new Promise<void>((resolve) => {
        let buffer = ''
        child.stdout.on('data', (chunk: Buffer) => {
          buffer += chunk.toString()
          for (let i = buffer.indexOf('\n'); i !== -1; i = buffer.indexOf('\n')) {
            acked.push(buffer.slice(0, i).split(' ')[2]!)
            buffer = buffer.slice(i + 1)
            if (acked.length === target) setTimeout(() => child.kill('SIGKILL'), Math.random() * 30)
          }
        })
        child.on('exit', () => resolve())
      })
      const named = readdirSync(dir).filter((n) => HASH.test(n))
      for (const name of named)
        expect(sha256Of(readFileSync(join(dir, name))), `${name} in run ${run}`).toBe(name)
      const store = createDirEvidenceStore({ dir })
      const listed = (await store.list()).map((m) => m.sha256)
      expect(listed).toEqual([...named].sort())
      for (const sha256 of acked) expect(listed, `acknowledged ${sha256} in run ${run}`).toContain(sha256)
    }
  })
})
