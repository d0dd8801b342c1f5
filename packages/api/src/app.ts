/**
 * @module `createApp(deps)`: the whole HTTP API as a Hono app, apart from serving it (tests call
 * `app.request` without a port). Order matters: request id → timing/logs/metrics → errors → public routes →
 * bearer auth → body limit → resource routers.
 */
import { randomUUID } from 'node:crypto'
import { formatActor } from '@kaoping/core'
import { type EventStore, type EvidenceStore, StoreUnavailableError } from '@kaoping/store'
import { type WebAssets, webAssets } from '@kaoping/web'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import { authenticate } from './auth/guard'
import type { TokenBook } from './auth/tokens'
import { type ApiError, ApiFailure, errorBody, STATUS } from './http/api-error'
import type { AppEnv } from './http/env'
import type { Logger } from './observability/logger'
import { createMetrics, type Metrics } from './observability/metrics'
import { openApiDocument } from './openapi/document'
import type { ReadModels } from './read-models'
import { appealRoutes } from './routes/appeals'
import { catalogRoutes } from './routes/catalog'
import type { RouteDeps } from './routes/deps'
import { eventRoutes } from './routes/events'
import { EVIDENCE_PATH, evidenceRoutes } from './routes/evidence'
import { importRoutes } from './routes/imports'
import { meRoutes } from './routes/me'
import { opsRoutes } from './routes/ops'
import { printRoutes } from './routes/print'
import { publicationRoutes } from './routes/publications'
import { resultRoutes } from './routes/results'
import { reviewRoutes } from './routes/review'
import { schemeRoutes } from './routes/schemes'
import { streamRoutes } from './routes/streams'
import { templateRoutes } from './routes/template'
import { trendRoutes } from './routes/trend'
import { unitRoutes } from './routes/units'
import { webRoutes } from './routes/web'

export interface AppDeps {
  readonly store: EventStore
  /** Evidence files (SPEC §9): the SQLite file's tables, or `KAOPING_EVIDENCE_DIR` with EventStoreDB. */
  readonly evidence: EvidenceStore
  readModels: ReadModels
  readonly tokens: TokenBook
  readonly logger?: Logger
  readonly metrics?: Metrics
  readonly newId?: () => string
  /** Largest request body accepted (default 8 MiB). */
  readonly bodyLimitBytes?: number
  /** How long a read waits for the read models to catch up with the latest append (default 5 s). */
  readonly readTimeoutMs?: number
  /** Spreadsheet uploads read at once (default 2: a workbook within the import caps can take ≈ 450 MB to read). */
  readonly importsAtOnce?: number
  /** Why the server is unwell (the projection runner stopped, and on what), or undefined: /healthz answers 503. */
  readonly problem?: () => string | undefined
  /** True while the server drains for shutdown: new appends are refused, in-flight ones finish. */
  readonly draining?: () => boolean
  readonly version?: string
  /** The web page's assets (default: the @kaoping/web package). */
  readonly web?: WebAssets
}

export const DEFAULT_BODY_LIMIT = 8 * 1024 * 1024

const fail = (c: { json: (body: unknown, status: never) => Response }, e: ApiError) =>
  c.json(errorBody(e), STATUS[e._tag].status as never)

export const createApp = (deps: AppDeps): Hono<AppEnv> => {
  const metrics = deps.metrics ?? createMetrics(deps.readModels)
  const routeDeps: RouteDeps = {
    store: deps.store,
    evidence: deps.evidence,
    readModels: deps.readModels,
    metrics,
    newId: deps.newId ?? randomUUID,
    readTimeoutMs: deps.readTimeoutMs ?? 5000,
    importsAtOnce: deps.importsAtOnce ?? 2,
  }
  const limit = deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT
  const app = new Hono<AppEnv>()

  app.use(requestId())
  // Every answer, API or page: no MIME sniffing, never framed, no referrer leaking paths with unit ids.
  // The page and its assets also get a Content-Security-Policy that allows no inline script (web.ts).
  app.use(
    secureHeaders({
      xContentTypeOptions: 'nosniff',
      xFrameOptions: 'DENY',
      referrerPolicy: 'no-referrer',
      strictTransportSecurity: false,
      crossOriginResourcePolicy: 'same-origin',
      crossOriginOpenerPolicy: 'same-origin',
    })
  )
  app.use(async (c, next) => {
    const started = performance.now()
    await next()
    const seconds = (performance.now() - started) / 1000
    const route = c.req.routePath
    metrics.requests.inc({ method: c.req.method, route, status: String(c.res.status) })
    metrics.latency.observe({ method: c.req.method, route }, seconds)
    const principal = c.get('principal')
    deps.logger?.info({
      reqId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(seconds * 1e4) / 10,
      ...(principal ? { actor: formatActor(principal) } : {}),
    })
  })
  app.onError((err, c) => {
    if (err instanceof ApiFailure) return fail(c, err.error)
    // A read the event store did not answer (EventStoreDB away): the client should retry, it is not our bug.
    if (err instanceof StoreUnavailableError)
      return fail(c, { _tag: 'StoreUnavailable', detail: err.message })
    deps.logger?.error({ reqId: c.get('requestId'), err }, 'unhandled error')
    return fail(c, { _tag: 'Internal', requestId: c.get('requestId') })
  })
  app.notFound((c) => fail(c, { _tag: 'NotFound', message: `没有这个接口：${c.req.method} ${c.req.path}` }))

  // Public: registered before the auth middleware, so they answer without a token.
  app.get('/v1/openapi.json', (c) => c.json(openApiDocument(app, { version: deps.version ?? '1.0.0' })))
  app.route('/', opsRoutes({ ...routeDeps, problem: deps.problem ?? (() => undefined) }))
  app.route('/', webRoutes(deps.web ?? webAssets()))
  app.route('/', printRoutes(routeDeps, deps.tokens))

  app.use('/v1/*', authenticate(deps.tokens))
  const limited = bodyLimit({
    maxSize: limit,
    onError: (c) => fail(c, { _tag: 'PayloadTooLarge', limitBytes: limit }),
  })
  // Evidence uploads have their own limit (20 MiB, routes/evidence.ts); every other route keeps this one. A GET
  // or HEAD has no body to limit (the server reads none), and asking for it would build a whole fetch Request for
  // each read (≈ 15 % of a cached ranking read's time).
  app.use('/v1/*', (c, next) =>
    c.req.path === EVIDENCE_PATH || c.req.method === 'GET' || c.req.method === 'HEAD'
      ? next()
      : limited(c, next)
  )
  app.use('/v1/*', async (c, next) => {
    if (c.req.method === 'POST' && deps.draining?.()) throw new ApiFailure({ _tag: 'ShuttingDown' })
    await next()
  })
  for (const routes of [
    eventRoutes,
    importRoutes,
    streamRoutes,
    unitRoutes,
    templateRoutes,
    schemeRoutes,
    resultRoutes,
    evidenceRoutes,
  ])
    app.route('/', routes(routeDeps))
  app.route('/', publicationRoutes(routeDeps))
  app.route('/', appealRoutes(routeDeps))
  app.route('/', reviewRoutes(routeDeps))
  app.route('/', catalogRoutes())
  app.route('/', meRoutes())
  app.route('/', trendRoutes(routeDeps))
  return app
}
