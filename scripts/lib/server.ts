/**
 * @module Puts the server together: open the store (the SQLite file, or EventStoreDB) and the read models (in
 * that file, or in EventStoreDB mode a file of their own), load the demo city into an empty store when asked,
 * bring the read models up to date — rebuilding them when they were projected from another store or are ahead
 * of this one — follow the log, serve; and on SIGTERM/SIGINT drain: refuse new appends, let in-flight requests
 * answer, then close.
 */
import { readFileSync } from 'node:fs'
import { createApp, createLogger, projectedReadModels, serveApp, startProjectionThread } from '@kaoping/api'
import { describeCommandError, importLog } from '@kaoping/app'
import { ProjectionStopped } from '@kaoping/projections'
import { gatedWrites, writeGate } from '@kaoping/store'
import * as E from 'fp-ts/Either'
import { generateDemoCity } from '../../examples/demo-city/generate'
import { UsageError } from './cli-error'
import type { ServerConfig } from './config'
import { openEvidence } from './open-evidence'
import { openProjections } from './open-projections'
import { withoutCredentials } from './open-store'
import { loadTokens } from './tokens'

export interface Started {
  readonly url: string
  readonly demoAdmin?: string
  readonly tokensFile: string
  readonly demoLoaded: number
  /** Where the events live: `EventStoreDB esdb://…` (without credentials) or `SQLite <file>`. */
  readonly events: string
  /** The read models' file. */
  readonly readModels: string
  /** What an operator should know from the start (read models rebuilt because they were not this store's). */
  readonly notices: ReadonlyArray<string>
  readonly stop: () => Promise<void>
}

const packageVersion = () =>
  (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string })
    .version ?? '0.0.0'

export const startServer = async (config: ServerConfig): Promise<Started> => {
  const tokens = loadTokens(config.tokens)
  const logger = createLogger({ level: config.logLevel })
  // This thread's projector only catches up at start and then answers tables/position: the runner that keeps
  // decoded events in memory is the projection thread's.
  const notices: string[] = []
  // Threads of this process that write the one SQLite file take their turns at a shared gate (write-gate.ts):
  // on the embedded store the HTTP thread appends events; on EventStoreDB it writes the adapter's id index (an
  // append there is network round trips: only the index's short writes take the turn); evidence records when
  // they are kept in that file (not in a directory).
  const gate = writeGate()
  const opened = openProjections(config.db, undefined, {
    cachedEvents: 0,
    ...(config.eventstoreUrl
      ? { eventstoreUrl: config.eventstoreUrl, indexTurn: (write) => gate.append(async () => write()) }
      : {}),
    // Read models that are not this store's are rebuilt beside the old ones before anything is served.
    onMismatch: 'rebuild',
    onStoreChange: (mismatch, phase) => {
      if (phase === 'rebuilt') return
      notices.push(`${mismatch.message}；已按当前事件存储重建读模型`)
      logger.warn({ reason: mismatch.message }, 'read models are not this store’s: rebuilding them')
    },
  })
  const events = config.eventstoreUrl
    ? `EventStoreDB ${withoutCredentials(config.eventstoreUrl)}`
    : `SQLite ${config.db}`
  const { store, db, projector } = opened
  const evidence = openEvidence(config.db, {
    evidenceDir: config.evidenceDir,
    eventstoreUrl: config.eventstoreUrl,
  })
  if (evidence.warning) logger.warn(evidence.warning)
  let demoLoaded = 0
  if (config.demo !== 'none' && (await store.headPosition()) === 0n) {
    const text = generateDemoCity({ cycle: config.demo === 'full' })
      .map((l) => JSON.stringify(l))
      .join('\n')
    const imported = await importLog(store, text, undefined, { evidence: evidence.store })
    if (E.isLeft(imported))
      throw new UsageError([
        imported.left._tag === 'BadLines' ? '示范城市数据无效' : describeCommandError(imported.left),
      ])
    demoLoaded = imported.right.imported
  }
  try {
    await projector.catchUp()
  } catch (e) {
    if (e instanceof ProjectionStopped) throw new UsageError([e.message])
    throw e
  }
  // The runner follows the log on its own thread: scoring never holds up an HTTP answer.
  const following = startProjectionThread({
    path: config.db,
    owner: `pid ${process.pid} projection thread`,
    from: projector.position(),
    ...(config.eventstoreUrl ? { eventstoreUrl: config.eventstoreUrl } : {}),
    writeGate: gate.buffer,
    onStoreProblem: (problem) => {
      if (problem) logger.warn({ reason: problem }, 'read models are not this store’s: rebuilding them')
      else logger.warn('read models rebuilt from the store')
    },
  })
  let draining = false
  const app = createApp({
    store: config.eventstoreUrl ? store : gatedWrites(store, gate, ['append']),
    evidence:
      evidence.where === config.db
        ? gatedWrites(evidence.store, gate, ['put', 'addReferences'])
        : evidence.store,
    readModels: projectedReadModels({ store, db, projector, following }),
    tokens: tokens.book,
    logger,
    version: packageVersion(),
    draining: () => draining,
    problem: () => following.failure() ?? following.storeProblem(),
  })
  const serving = await serveApp(app, { port: config.port, hostname: config.host })
  logger.info(
    { url: serving.url, events, readModels: config.db, tokens: tokens.where },
    'kaoping API listening'
  )
  return {
    url: serving.url,
    tokensFile: tokens.where,
    demoLoaded,
    events,
    readModels: config.db,
    notices,
    ...(tokens.demoAdmin ? { demoAdmin: tokens.demoAdmin } : {}),
    stop: async () => {
      draining = true
      await serving.close()
      await following
        .stop()
        .catch((e: unknown) => logger.error({ err: e }, 'projection runner stopped with an error'))
      await evidence.store.close()
      await opened.close()
      logger.info('kaoping API stopped')
    },
  }
}

/** Runs until SIGTERM or SIGINT, then stops gracefully. */
export const serveUntilSignalled = (started: Started): Promise<void> =>
  new Promise((resolve) => {
    let stopping = false
    const onSignal = () => {
      if (stopping) return
      stopping = true
      started.stop().then(resolve, (e: unknown) => {
        process.stderr.write(`停止时出错：${String(e)}\n`)
        process.exitCode = 1
        resolve()
      })
    }
    process.once('SIGTERM', onSignal)
    process.once('SIGINT', onSignal)
  })
