/** @module @kaoping/api — the HTTP API (Hono): `createApp` builds it, `serve` runs it. */
export { type AppDeps, createApp, DEFAULT_BODY_LIMIT } from './app'
export { digest, type Principal, type Role, type TokenBook, tokenBook } from './auth/tokens'
export { type ApiError, describeApiError, errorBody, STATUS } from './http/api-error'
export { createLogger, type Logger } from './observability/logger'
export { createMetrics, type Metrics } from './observability/metrics'
export { openApiDocument } from './openapi/document'
export { projectedReadModels, type ReadModels } from './read-models'
export { type Serving, serveApp } from './server'
