/** @module The API as the page uses it: the token from the login, errors as Chinese messages (with their paths) from the server. */
// The one module of core the page takes a value from: it imports nothing, so the bundle stays small.
import { savedName } from '@kaoping/core/media-types'

const TOKEN_KEY = 'kaoping.token'

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (t: string) => sessionStorage.setItem(TOKEN_KEY, t),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
}

export interface Issue {
  readonly path: string
  readonly message: string
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: ReadonlyArray<Issue> = []
  ) {
    super(message)
  }
}

const auth = (t = token.get()): Record<string, string> => (t ? { Authorization: `Bearer ${t}` } : {})

const failure = async (res: Response): Promise<ApiError> => {
  const body = (await res.json().catch(() => undefined)) as
    | { error?: { message?: string; issues?: Issue[] } }
    | undefined
  return new ApiError(
    res.status,
    body?.error?.message ?? `请求失败（${res.status}）`,
    body?.error?.issues ?? []
  )
}

const request = async (path: string, t = token.get()): Promise<Response> => {
  const res = await fetch(path, { headers: auth(t) })
  if (res.ok) return res
  throw await failure(res)
}

export const getJson = async <T>(path: string, t?: string): Promise<T> =>
  (await request(path, t)).json() as Promise<T>

export const postJson = async <T>(
  path: string,
  body: unknown,
  headers: Record<string, string> = {}
): Promise<T> => {
  const res = await fetch(path, {
    method: 'POST',
    headers: { ...auth(), 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw await failure(res)
  return res.json() as Promise<T>
}

export interface Envelope {
  readonly id?: string
  readonly type: string
  readonly data: Record<string, unknown>
}

/** One batch, all or nothing (SPEC §3); each event gets an id so a retry stores nothing twice. */
export const appendEvents = (events: ReadonlyArray<Envelope>) =>
  postJson<{ events: Array<{ id: string }> }>('/v1/events', {
    events: events.map((e) => ({ id: e.id ?? uuid(), ...e })),
  })

/** A file's bytes to `POST /v1/evidence` (SPEC §9): answered with its content address. */
export const uploadEvidence = async (file: File): Promise<{ sha256: string; name: string }> => {
  const res = await fetch('/v1/evidence', {
    method: 'POST',
    headers: {
      ...auth(),
      'Content-Type': file.type || 'application/octet-stream',
      'X-File-Name': encodeURIComponent(file.name),
    },
    body: file,
  })
  if (!res.ok) throw await failure(res)
  const { sha256 } = (await res.json()) as { sha256: string }
  return { sha256, name: file.name }
}

/** A random (v4) UUID, also where `crypto.randomUUID` is missing (a page served over plain http on a LAN). */
export const uuid = (): string => {
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = (b[6]! & 0x0f) | 0x40
  b[8] = (b[8]! & 0x3f) | 0x80
  const x = [...b].map((v) => v.toString(16).padStart(2, '0')).join('')
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`
}

const blobOf = async (path: string) => (await request(path)).blob()

/** Fetches with the token and saves the body as a file (a plain link could not carry the header). */
export const download = async (path: string, filename: string): Promise<void> =>
  save(await blobOf(path), filename)

const save = (blob: Blob, filename: string) => {
  const a = document.createElement('a')
  a.href = URL.createObjectURL(blob)
  a.download = filename
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000)
}

/**
 * An evidence file, saved under the name its fact gives — with the extension of what the server found the bytes to
 * be (core `savedName`): a fact's name is a reporter's text, and `签到表.hta` on a PNG would be opened as a program.
 */
export const downloadEvidence = async (sha256: string, name: string): Promise<void> => {
  const blob = await blobOf(`/v1/evidence/${sha256}`)
  save(blob, savedName(name, blob.type))
}

/** Fetches a page that needs the bearer header (the 通报 print view) and opens it in a new tab as a blob. */
export const openWithToken = async (path: string): Promise<void> => {
  const blob = await blobOf(path)
  const href = URL.createObjectURL(new Blob([blob], { type: 'text/html;charset=utf-8' }))
  window.open(href, '_blank', 'noopener')
  setTimeout(() => URL.revokeObjectURL(href), 60_000)
}

export const query = (params: Record<string, string | undefined>) => {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v)
  const s = q.toString()
  return s ? `?${s}` : ''
}
