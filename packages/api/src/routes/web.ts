/** @module The web page for people (`/`) and its assets (`/assets/…`), public: the page asks for a token itself. */
import type { WebAssets } from '@kaoping/web'
import { Hono } from 'hono'
import { ApiFailure } from '../http/api-error'
import type { AppEnv } from '../http/env'

export const webRoutes = (assets: WebAssets) => {
  const send = async (name: string) => {
    const asset = await assets.get(name)
    if (!asset) throw new ApiFailure({ _tag: 'NotFound', message: `没有这个文件：${name}` })
    return new Response(asset.body, { headers: { 'Content-Type': asset.type, 'Cache-Control': 'no-cache' } })
  }
  return new Hono<AppEnv>()
    .get('/', () => send('index.html'))
    .get('/assets/:name', (c) => send(c.req.param('name')))
}
