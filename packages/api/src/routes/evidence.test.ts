import { EVIDENCE_MAX_BYTES, sha256Of } from '@kaoping/store'
import { SAMPLES } from '@kaoping/store/testing/evidence'
import * as E from 'fp-ts/Either'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tokenBook } from '../auth/tokens'
import { type Api, givenApi, TOKENS, training } from '../testing/api-spec'
import { contentDisposition } from './evidence'

const REVIEWER = 'reviewer-token-0123456789abcdef'
const TOKEN = { ...TOKENS, reviewer: REVIEWER }
type Who = keyof typeof TOKEN

let api: Api
beforeEach(async () => {
  // The fixture's tokens and a reviewer (考核组).
  const book = tokenBook([
    { token: TOKENS.admin, role: 'admin', name: '市局管理员' },
    { token: TOKENS.auditor, role: 'auditor', name: '审计员' },
    { token: TOKENS.lizhou, role: 'reporter', unitId: 'lizhou' },
    { token: TOKENS.cangxi, role: 'reporter', unitId: 'cangxi' },
    { token: REVIEWER, role: 'reviewer', name: '考核组' },
  ])
  if (E.isLeft(book)) throw new Error('bad tokens')
  api = await givenApi({ with: (deps) => ({ ...deps, tokens: book.right }) })
})
afterEach(() => api.close())

const upload = async (
  bytes: Uint8Array,
  name: string,
  as: Who = 'lizhou',
  type = 'application/octet-stream'
) => {
  const res = await api.app.request('/v1/evidence', {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${TOKEN[as]}`,
      'Content-Type': type,
      'X-File-Name': encodeURIComponent(name),
    },
    body: new Uint8Array(bytes),
  })
  return {
    status: res.status,
    json: (await res.json()) as {
      sha256: string
      size: number
      mediaType: string
      error?: { message: string }
    },
  }
}

const download = (sha256: string, as: Who) =>
  api.app.request(`/v1/evidence/${sha256}`, { headers: { Authorization: `Bearer ${TOKEN[as]}` } })

/** A training of 利州 citing the file: appended by 利州's reporter, as a unit fact is. */
const cite = (sha256: string, name = '签到表.pdf') => {
  const t = training('lizhou')
  return api.post(
    '/v1/events',
    { events: [{ ...t, data: { ...t.data, evidence: [{ sha256, name }] } }] },
    'lizhou'
  )
}

describe('POST /v1/evidence', () => {
  it('stores an upload by its content hash: 201 with sha256, size and the media type found in the bytes', async () => {
    const pdf = SAMPLES.pdf('upload')
    const r = await upload(pdf, '2017年学法签到表.pdf', 'lizhou', 'application/pdf')
    expect(r).toEqual({
      status: 201,
      json: { sha256: sha256Of(pdf), size: pdf.length, mediaType: 'application/pdf' },
    })
  })

  it('answers a re-upload of the same bytes with 200 and keeps one copy', async () => {
    const png = SAMPLES.png('again')
    expect((await upload(png, 'a.png', 'admin')).status).toBe(201)
    const again = await upload(png, 'b.png', 'lizhou')
    expect(again.status).toBe(200)
    expect(again.json.sha256).toBe(sha256Of(png))
    expect(await api.evidence.list()).toHaveLength(1)
  })

  it('lets admin, reviewer and reporters upload; an auditor may not (403)', async () => {
    expect((await upload(SAMPLES.jpeg('admin'), 'a.jpg', 'admin')).status).toBe(201)
    expect((await upload(SAMPLES.docx('reviewer'), '评查意见.docx', 'reviewer')).status).toBe(201)
    expect((await upload(SAMPLES.xlsx('reporter'), '台账.xlsx', 'cangxi')).status).toBe(201)
    expect((await upload(SAMPLES.ofd('auditor'), '通报.ofd', 'auditor')).status).toBe(403)
  })

  it('refuses a text file named .pdf and sent as application/pdf: 415, nothing stored', async () => {
    const r = await upload(SAMPLES.text(), '实施方案.pdf', 'lizhou', 'application/pdf')
    expect(r.status).toBe(415)
    expect(r.json.error?.message).toContain(
      '实施方案.pdf：按内容识别为无法识别的文件，佐证材料只接受 PDF、JPEG、PNG、DOCX、XLSX、OFD'
    )
    expect(await api.evidence.list()).toEqual([])
  })

  it('refuses 20 MiB + 1 byte with 413 (the other routes keep their own limit), and takes exactly 20 MiB', async () => {
    const big = new Uint8Array(EVIDENCE_MAX_BYTES + 1)
    big.set(SAMPLES.pdf('big'))
    const over = await upload(big, 'big.pdf')
    expect(over.status).toBe(413)
    expect(await api.evidence.list()).toEqual([])
    expect((await upload(big.subarray(0, EVIDENCE_MAX_BYTES), 'max.pdf')).status).toBe(201)
    // Nine MiB is within evidence's limit but beyond the app's 8 MiB for everything else.
    const events = await api.request('POST', '/v1/events', {
      as: 'admin',
      raw: 'x'.repeat(9 * 1024 * 1024),
      headers: { 'Content-Type': 'application/json' },
    })
    expect(events.status).toBe(413)
  })

  it('needs the file name in X-File-Name (400 otherwise)', async () => {
    const res = await api.app.request('/v1/evidence', {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKENS.admin}` },
      body: new Uint8Array(SAMPLES.pdf()),
    })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: { issues: Array<{ path: string }> } }).error.issues[0]?.path).toBe(
      'header.X-File-Name'
    )
  })

  it('refuses a name whose extension says another kind of file than the content (签到表.hta on a PNG): 415, nothing stored', async () => {
    const r = await upload(SAMPLES.png('named-hta'), '签到表.hta')
    expect(r.status).toBe(415)
    expect(r.json.error?.message).toBe(
      '签到表.hta：文件名的扩展名与内容不符，按内容识别为 PNG 文件，扩展名应为 .png'
    )
    expect((await upload(SAMPLES.png('named-hta'), '签到表.png')).status).toBe(201)
  })

  it('refuses a name that would read as another (a right-to-left override: 报告‮fdp.exe shows as 报告exe.pdf) or a broken one', async () => {
    for (const name of [
      '%E6%8A%A5%E5%91%8A%E2%80%AEfdp.exe',
      '%E2%81%A6a.pdf',
      'a%0A.pdf',
      'a%0B.pdf',
      '%C2%9Ba.pdf',
      '%ED%A0%80.pdf',
    ]) {
      const res = await api.app.request('/v1/evidence', {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKENS.admin}`, 'X-File-Name': name },
        body: new Uint8Array(SAMPLES.pdf()),
      })
      expect([name, res.status]).toEqual([name, 400])
    }
  })
})

describe('evidence referenced by facts', () => {
  it('rejects a fact naming a file never uploaded: 422 at data.evidence.0.sha256, nothing stored', async () => {
    const before = await api.everything()
    const unknown = 'c'.repeat(64)
    const r = await cite(unknown)
    expect(r.status).toBe(422)
    expect(r.json.error.issues).toEqual([
      {
        path: 'events.0.data.evidence.0.sha256',
        message: `佐证材料 签到表.pdf（${unknown}）不是本单位上传的文件或不存在，请先上传（POST /v1/evidence）`,
      },
    ])
    expect(await api.everything()).toEqual(before)
  })

  it('lets a reporter cite only files its unit holds: another unit’s upload reads as one never uploaded', async () => {
    const theirs = await upload(SAMPLES.pdf('cangxi-only'), '苍溪签到表.pdf', 'cangxi')
    const before = await api.everything()
    const borrowed = await cite(theirs.json.sha256)
    const never = await cite('d'.repeat(64))
    expect([borrowed.status, never.status]).toEqual([422, 422])
    // The same words for both: citing tells nothing about another unit's files.
    expect(borrowed.json.error.issues[0].message.replace(theirs.json.sha256, 'H')).toBe(
      never.json.error.issues[0].message.replace('d'.repeat(64), 'H')
    )
    expect(await api.everything()).toEqual(before)
    expect((await download(theirs.json.sha256, 'lizhou')).status).toBe(403)
    // 利州 holds the file once it uploads the same bytes itself.
    await upload(SAMPLES.pdf('cangxi-only'), '签到表.pdf', 'lizhou')
    expect((await cite(theirs.json.sha256)).status).toBe(201)
  })

  it('serves a cited file to admin, reviewer, auditor and its own unit’s reporter; another unit’s reporter gets 403', async () => {
    const pdf = SAMPLES.pdf('cited')
    const { json } = await upload(pdf, '2017年学法签到表.pdf')
    expect((await cite(json.sha256)).status).toBe(201)
    for (const who of ['admin', 'reviewer', 'auditor', 'lizhou'] as const) {
      const res = await download(json.sha256, who)
      expect([who, res.status]).toEqual([who, 200])
      expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true)
      expect(res.headers.get('Content-Type')).toBe('application/pdf')
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
      // Never served from a browser's cache to whoever signs in next: asked again (ETag → 304) with the token.
      expect(res.headers.get('Cache-Control')).toBe('private, no-cache')
      expect(res.headers.get('Content-Disposition')).toBe(
        `attachment; filename="2017______.pdf"; filename*=UTF-8''2017%E5%B9%B4%E5%AD%A6%E6%B3%95%E7%AD%BE%E5%88%B0%E8%A1%A8.pdf`
      )
    }
    const other = await download(json.sha256, 'cangxi')
    expect(other.status).toBe(403)
  })

  it('answers another unit’s reporter the same 403 for an unknown file, so it cannot probe; others get 404', async () => {
    const { json } = await upload(SAMPLES.png('uncited'), '照片.png', 'admin')
    const unknown = 'd'.repeat(64)
    const uncited = await download(json.sha256, 'lizhou')
    const missing = await download(unknown, 'lizhou')
    expect([uncited.status, missing.status]).toEqual([403, 403])
    expect(await missing.json()).toEqual(await uncited.json())
    expect((await download(unknown, 'admin')).status).toBe(404)
    expect((await download('not-a-hash', 'admin')).status).toBe(400)
  })
})

describe('Content-Disposition', () => {
  it('gives an ASCII fallback and the exact name in filename* (RFC 5987)', () => {
    expect(contentDisposition('a "b" (c).pdf')).toBe(
      `attachment; filename="a _b_ (c).pdf"; filename*=UTF-8''a%20%22b%22%20%28c%29.pdf`
    )
  })
})
