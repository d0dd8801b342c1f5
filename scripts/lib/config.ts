/**
 * @module The server's configuration, from the environment (README "Configuration"): every variable checked,
 * every problem named in Chinese before anything starts.
 */
import { dirname, join } from 'node:path'
import { UsageError } from './cli-error'
import { defaultDb, withoutCredentials } from './open-store'

export interface ServerConfig {
  readonly port: number
  /** KAOPING_HOST: the address to listen on; loopback by default, so a demo never serves the network. */
  readonly host: string
  /** The read models' file (in SQLite mode also the events'): KAOPING_DB, else by mode (open-store.ts). */
  readonly db: string
  /** A path to a JSON file, or the JSON itself (starts with `[`). */
  readonly tokens:
    | { readonly source: 'file'; readonly path: string; readonly generated: boolean }
    | { readonly source: 'inline'; readonly json: string }
  /** KAOPING_DEMO: none, the finished 2017 assessment (`1`), or the year's facts before the assessment (`year`). */
  readonly demo: 'none' | 'full' | 'year'
  readonly logLevel: string
  /** EventStoreDB (`esdb://…`); the SQLite file then holds only this node's read models. */
  readonly eventstoreUrl?: string
  /** `KAOPING_EVIDENCE_DIR`: evidence files in this directory (shared by every node with EventStoreDB). */
  readonly evidenceDir?: string
}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

export const readConfig = (
  env: NodeJS.ProcessEnv,
  overrides: { port?: string; db?: string } = {}
): ServerConfig => {
  const problems: string[] = []
  const portText = overrides.port ?? env.PORT ?? '3000'
  const port = Number(portText)
  if (!/^\d{1,5}$/.test(portText) || port > 65535)
    problems.push(`PORT 应为 0–65535 的整数，实际为 ${portText}`)
  const host = env.KAOPING_HOST || '127.0.0.1'
  if (!/^[A-Za-z0-9.:-]{1,253}$/.test(host)) problems.push(`KAOPING_HOST 应为地址或主机名，实际为 ${host}`)
  const demo = env.KAOPING_DEMO ?? '1'
  if (demo !== '0' && demo !== '1' && demo !== 'year')
    problems.push(`KAOPING_DEMO 应为 0、1 或 year，实际为 ${demo}`)
  const logLevel = env.KAOPING_LOG_LEVEL ?? 'info'
  if (!LEVELS.includes(logLevel))
    problems.push(`KAOPING_LOG_LEVEL 应为 ${LEVELS.join('、')} 之一，实际为 ${logLevel}`)
  const eventstoreUrl = env.EVENTSTORE_URL || undefined
  if (eventstoreUrl && !/^esdb(\+discover)?:\/\//.test(eventstoreUrl))
    problems.push(
      `EVENTSTORE_URL 应以 esdb:// 或 esdb+discover:// 开头，实际为 ${withoutCredentials(eventstoreUrl)}`
    )
  const db = overrides.db || env.KAOPING_DB || defaultDb(eventstoreUrl)
  if (problems.length > 0) throw new UsageError(problems)
  const raw = env.KAOPING_TOKENS
  const tokens: ServerConfig['tokens'] =
    raw === undefined || raw === ''
      ? { source: 'file', path: join(dirname(db), 'tokens.json'), generated: true }
      : raw.trimStart().startsWith('[')
        ? { source: 'inline', json: raw }
        : { source: 'file', path: raw, generated: false }
  const evidenceDir = env.KAOPING_EVIDENCE_DIR || undefined
  return {
    port,
    host,
    db,
    tokens,
    demo: demo === '0' ? 'none' : demo === 'year' ? 'year' : 'full',
    logLevel,
    ...(eventstoreUrl ? { eventstoreUrl } : {}),
    ...(evidenceDir ? { evidenceDir } : {}),
  }
}
