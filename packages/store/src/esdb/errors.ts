/** @module The client's failures that mean "the server did not answer", including the raw gRPC code 14 a first call gives (§4.11). */
import { CancelledError, UnavailableError } from '@eventstore/db-client'

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e))

export const isUnavailable = (e: unknown): boolean =>
  e instanceof UnavailableError ||
  e instanceof CancelledError ||
  (e as { code?: unknown })?.code === 14 ||
  // `esdb+discover://` when no seed answered gossip: a plain Error, but the environment all the same.
  /^Failed to discover/.test(messageOf(e))

export const detailOf = (e: unknown): string => messageOf(e).split('\n')[0]!.slice(0, 120)

/**
 * What the client says when it speaks TLS to a server that does not (`--insecure`, as in development and the
 * fake): OpenSSL's "wrong version number" for `esdb://`, a gossip that never answers for `esdb+discover://`.
 */
const TLS_TO_PLAINTEXT = /wrong version number|SSL routines|packet length too long|EPROTO|Failed to discover/i

/** The hint to add `tls=false`, when the string leaves TLS on (the client's default) and the failure looks like it. */
export const tlsHint = (e: unknown, connectionString: string): string =>
  !/[?&]tls=false(&|$)/i.test(connectionString) && TLS_TO_PLAINTEXT.test(messageOf(e))
    ? '。提示：连接串未写 tls=false，客户端按 TLS 连接；若 EventStoreDB 未启用 TLS（以 --insecure 运行），' +
      '请在连接串末尾加上 ?tls=false（如 esdb://127.0.0.1:2113?tls=false）'
    : ''

/** The detail an operator reads: the client's first line, and the TLS hint when it applies. */
export const describeFailure = (e: unknown, connectionString: string): string =>
  `${detailOf(e)}${tlsHint(e, connectionString)}`
