/**
 * @module Structured logs (pino), each line with its ISO 8601 time. The Authorization header is redacted
 * wherever it appears, and request logs carry the actor, never the token.
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
      // "time":"2026-03-01T08:00:00.000Z", not epoch milliseconds: read by people as often as by machines.
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['authorization', 'headers.authorization', 'req.headers.authorization', 'token'],
        censor: '[redacted]',
      },
    },
    options.destination
  )
