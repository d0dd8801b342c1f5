/** @module The page's place is in the hash: `#/ranking?scheme=…&asOf=…`, so a view can be bookmarked and shared. */
export type View = 'ranking' | 'unit' | 'diff'

export interface Route {
  readonly view: View
  readonly params: URLSearchParams
}

export const current = (): Route => {
  const [path = '', q = ''] = location.hash.replace(/^#\/?/, '').split('?')
  const view: View = path === 'unit' || path === 'diff' ? path : 'ranking'
  return { view, params: new URLSearchParams(q) }
}

export const go = (view: View, params: Record<string, string | undefined>) => {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v)
  location.hash = `#/${view}?${q.toString()}`
}
