/** @module The API as the page uses it: the token from the login, errors as Chinese messages from the server. */
const TOKEN_KEY = 'kaoping.token'

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (t: string) => sessionStorage.setItem(TOKEN_KEY, t),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

const request = async (path: string, t = token.get()): Promise<Response> => {
  const res = await fetch(path, { headers: t ? { Authorization: `Bearer ${t}` } : {} })
  if (res.ok) return res
  const body = (await res.json().catch(() => undefined)) as { error?: { message?: string } } | undefined
  throw new ApiError(res.status, body?.error?.message ?? `请求失败（${res.status}）`)
}

export const getJson = async <T>(path: string, t?: string): Promise<T> =>
  (await request(path, t)).json() as Promise<T>

/** Fetches with the token and saves the body as a file (a plain link could not carry the header). */
export const download = async (path: string, filename: string): Promise<void> => {
  const blob = await (await request(path)).blob()
  const a = document.createElement('a')
  a.href = URL.createObjectURL(blob)
  a.download = filename
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000)
}

export const query = (params: Record<string, string | undefined>) => {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v)
  const s = q.toString()
  return s ? `?${s}` : ''
}
