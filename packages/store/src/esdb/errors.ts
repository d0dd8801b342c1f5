/** @module The client's failures that mean "the server did not answer", including the raw gRPC code 14 a first call gives (§4.11). */
import { CancelledError, UnavailableError } from '@eventstore/db-client'

export const isUnavailable = (e: unknown): boolean =>
  e instanceof UnavailableError || e instanceof CancelledError || (e as { code?: unknown })?.code === 14

export const detailOf = (e: unknown): string =>
  (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 120)
