/**
 * @module Serving an app on @hono/node-server, and stopping it gracefully: stop accepting connections, let
 * in-flight requests (appends above all) finish and answer, close idle keep-alive sockets, then return —
 * the caller closes the projection runner and the store after that.
 */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { Hono } from 'hono'

export interface Serving {
  readonly url: string
  readonly port: number
  /** Resolves once every in-flight request has been answered and the socket is closed. */
  readonly close: () => Promise<void>
}

export const serveApp = (
  app: Pick<Hono, 'fetch'>,
  options: { readonly port: number; readonly hostname?: string }
): Promise<Serving> =>
  new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: options.port, hostname: options.hostname ?? '0.0.0.0' },
      (info: AddressInfo) => {
        const host = options.hostname && options.hostname !== '0.0.0.0' ? options.hostname : 'localhost'
        resolve({
          url: `http://${host}:${info.port}`,
          port: info.port,
          close: () =>
            new Promise<void>((done, failed) => {
              server.close((e) => (e ? failed(e) : done()))
              // Keep-alive sockets with no request in flight would hold close() open forever.
              if ('closeIdleConnections' in server) server.closeIdleConnections()
            }),
        })
      }
    )
    server.once('error', reject)
  })
