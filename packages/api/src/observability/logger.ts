/**
 * @module Structured logs (pino). The Authorization header is redacted wherever it appears, and request
 * logs carry the actor, never the token.
 */
import pino, { type DestinationStream, type Logger } from 'pino'

export type { Logger }

export const createLogger = (
  options: { readonly level?: string; readonly destination?: DestinationStream } = {}
) =>
  pino(
    {
      level: options.level ?? 'info',
      base: { service: 'kaoping' },
      redact: {
        paths: ['authorization', 'headers.authorization', 'req.headers.authorization', 'token'],
        censor: '[redacted]',
      },
    },
    options.destination
  )
