/** @module The page's place is in the hash: `#/ranking?scheme=…&asOf=…`, so a view can be bookmarked and shared. */
export const VIEWS = [
  'ranking',
  'unit',
  'diff',
  'trend',
  'report',
  'cases',
  'self',
  'review',
  'judge',
  'cycle',
] as const
export type View = (typeof VIEWS)[number]

export interface Route {
  readonly view: View | undefined
  readonly params: URLSearchParams
}

export const current = (): Route => {
  const [path = '', q = ''] = location.hash.replace(/^#\/?/, '').split('?')
  const view = (VIEWS as ReadonlyArray<string>).includes(path) ? (path as View) : undefined
  return { view, params: new URLSearchParams(q) }
}

export const hrefOf = (view: View, params: Record<string, string | undefined> = {}) => {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v)
  const s = q.toString()
  return `#/${view}${s ? `?${s}` : ''}`
}

export const go = (view: View, params: Record<string, string | undefined> = {}) => {
  const next = hrefOf(view, params)
  // The same place again (after recording something): render anew.
  if (location.hash === next) window.dispatchEvent(new HashChangeEvent('hashchange'))
  else location.hash = next
}

/** Renders the current view again (after an action changed what it shows). */
export const refresh = () => window.dispatchEvent(new HashChangeEvent('hashchange'))
