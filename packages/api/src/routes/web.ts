/** @module The web page for people (`/`) and its assets (`/assets/…`), public: the page asks for a token itself. */
import type { WebAssets } from '@kaoping/web'
import { Hono } from 'hono'
import { ApiFailure } from '../http/api-error'
import type { AppEnv } from '../http/env'

/**
 * Scripts only from this server's own files (no inline script, no eval); styles may be set inline because
 * ECharts positions its tooltips with style attributes; images also as data: URLs (the chart's export).
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

export const webRoutes = (assets: WebAssets) => {
  const send = async (name: string) => {
    const asset = await assets.get(name)
    if (!asset) throw new ApiFailure({ _tag: 'NotFound', message: `没有这个文件：${name}` })
    return new Response(asset.body, {
      headers: {
        'Content-Type': asset.type,
        'Cache-Control': 'no-cache',
        'Content-Security-Policy': PAGE_CSP,
      },
    })
  }
  return new Hono<AppEnv>()
    .get('/', () => send('index.html'))
    .get('/assets/:name', (c) => send(c.req.param('name')))
}
