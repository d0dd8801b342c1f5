/** @module Runs the CLI as a clerk does: a real process, its exit code and both output streams as text. */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

export const kaoping = (...args: string[]): Run => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/kaoping.ts', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // The embedded store, whatever the machine running the tests has configured.
    env: { ...process.env, EVENTSTORE_URL: '' },
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** A fresh folder, and a way to write files into it by name. */
export const scratch = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), `kaoping-${prefix}-`))
  return {
    dir,
    path: (name: string) => join(dir, name),
    file: (name: string, content: string | Uint8Array) => {
      const path = join(dir, name)
      writeFileSync(path, content)
      return path
    },
  }
}
