/**
 * @module `kaoping serve` as a real process for tests and benchmarks: started on an ephemeral port with the given
 * environment, resolved with its URL once it prints that it listens (rejected if it exits first).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { join } from 'node:path'

export interface ServerProcess {
  readonly url: string
  readonly child: ChildProcess
  /** Everything it printed so far (stdout and stderr). */
  readonly output: () => string
  readonly exited: Promise<number | null>
}

export const startServerProcess = (env: Record<string, string>): Promise<ServerProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/kaoping.ts', 'serve', '--port', '0'], {
      env: { ...process.env, KAOPING_LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
    child.stdout!.on('data', (d: Buffer) => {
      out += String(d)
      const url = /服务已启动：(http:\/\/\S+)/.exec(out)?.[1]
      if (url) resolve({ url, child, output: () => out, exited })
    })
    child.stderr!.on('data', (d: Buffer) => {
      out += String(d)
    })
    exited.then((code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)))
  })

/** The demo city replayed offline under the district scheme, as compact JSON (what the ranking route serves). */
export const replayedDemoRanking = (dir: string): string => {
  const events = join(dir, 'demo.ndjson')
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/kaoping.ts', 'seed', '--out', events])
  const replayed = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/kaoping.ts',
      'replay',
      '--events',
      events,
      '--scheme',
      'examples/schemes/districts-2017.json',
      '--format',
      'json',
    ],
    { encoding: 'utf8' }
  )
  return JSON.stringify(JSON.parse(replayed.stdout))
}
