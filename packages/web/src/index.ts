/**
 * @module The web page's assets, served by the API server at `/`: the HTML and CSS as written, and the
 * browser code (TypeScript, with ECharts) bundled by esbuild on first request and kept — so the page works
 * offline, every byte from this package and its node_modules, no CDN.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

export interface Asset {
  readonly body: Uint8Array<ArrayBuffer>
  readonly type: string
}

export interface WebAssets {
  /** `index.html`, `app.js` or `style.css`; undefined for anything else. */
  readonly get: (name: string) => Promise<Asset | undefined>
}

const file = (name: string) => new URL(`./page/${name}`, import.meta.url)
const bytes = (b: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(b)

const bundle = async (): Promise<Uint8Array<ArrayBuffer>> => {
  const out = await build({
    entryPoints: [fileURLToPath(file('main.ts'))],
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
  })
  return bytes(out.outputFiles[0]!.contents)
}

export const webAssets = (): WebAssets => {
  let app: Promise<Uint8Array<ArrayBuffer>> | undefined
  return {
    get: async (name) => {
      switch (name) {
        case 'index.html':
          return { body: bytes(readFileSync(file('index.html'))), type: 'text/html; charset=utf-8' }
        case 'style.css':
          return { body: bytes(readFileSync(file('style.css'))), type: 'text/css; charset=utf-8' }
        case 'app.js':
          app ??= bundle()
          return { body: await app, type: 'text/javascript; charset=utf-8' }
        default:
          return undefined
      }
    },
  }
}
