import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { acceptEvidence, EVIDENCE_MAX_BYTES } from './accept'
import { createDirEvidenceStore } from './dir-evidence'
import type { EvidenceStore } from './port'
import { createSqliteEvidenceStore, sha256Of } from './sqlite-evidence'
import { SAMPLES } from './testing/samples'

const temp = (what: string) => mkdtempSync(join(tmpdir(), `kaoping-evidence-${what}-`))

const ADAPTERS: ReadonlyArray<[string, () => EvidenceStore]> = [
  ['SQLite', () => createSqliteEvidenceStore({ path: join(temp('sqlite'), 'kaoping.db') })],
  ['directory', () => createDirEvidenceStore({ dir: temp('dir') })],
]

describe.each(ADAPTERS)('evidence store (%s)', (_name, open) => {
  it('stores a file under the SHA-256 of its bytes and gives it back byte for byte', async () => {
    const store = open()
    const bytes = SAMPLES.pdf('one')
    const put = await store.put({ bytes, mediaType: 'application/pdf', name: '实施方案.pdf' })
    expect(put).toEqual({
      created: true,
      meta: {
        sha256: sha256Of(bytes),
        size: bytes.length,
        mediaType: 'application/pdf',
        name: '实施方案.pdf',
      },
    })
    const got = await store.get(put.meta.sha256)
    expect(got?.name).toBe('实施方案.pdf')
    expect(Buffer.from(got!.bytes).equals(Buffer.from(bytes))).toBe(true)
    await store.close()
  })

  it('keeps the same bytes once: a second put writes nothing and keeps the first name', async () => {
    const store = open()
    const bytes = SAMPLES.png('twice')
    await store.put({ bytes, mediaType: 'image/png', name: '签到表.png' })
    const again = await store.put({ bytes, mediaType: 'image/png', name: '另一个名字.png' })
    expect(again.created).toBe(false)
    expect(again.meta.name).toBe('签到表.png')
    expect((await store.list()).map((m) => m.sha256)).toEqual([sha256Of(bytes)])
    await store.close()
  })

  it('answers which hashes it has and lists files ordered by hash', async () => {
    const store = open()
    const a = await store.put({ bytes: SAMPLES.pdf('a'), mediaType: 'application/pdf', name: 'a.pdf' })
    const b = await store.put({ bytes: SAMPLES.jpeg('b'), mediaType: 'image/jpeg', name: 'b.jpg' })
    const unknown = 'f'.repeat(64)
    expect(await store.has([a.meta.sha256, unknown, b.meta.sha256])).toEqual(
      new Set([a.meta.sha256, b.meta.sha256])
    )
    expect((await store.list()).map((m) => m.sha256)).toEqual([a.meta.sha256, b.meta.sha256].sort())
    expect(await store.get(unknown)).toBeUndefined()
    await store.close()
  })

  it('remembers which units reference a file', async () => {
    const store = open()
    const { meta } = await store.put({
      bytes: SAMPLES.pdf('ref'),
      mediaType: 'application/pdf',
      name: 'r.pdf',
    })
    await store.addReferences([{ sha256: meta.sha256, unitId: 'lizhou' }])
    await store.addReferences([{ sha256: meta.sha256, unitId: 'lizhou' }])
    expect(await store.isReferencedBy(meta.sha256, 'lizhou')).toBe(true)
    expect(await store.isReferencedBy(meta.sha256, 'cangxi')).toBe(false)
    await store.close()
  })
})

describe('accepting a file', () => {
  const store = () => createSqliteEvidenceStore({ path: ':memory:' })

  it.each(
    Object.entries({
      pdf: 'application/pdf',
      png: 'image/png',
      jpeg: 'image/jpeg',
      docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ofd: 'application/ofd',
    })
  )('accepts %s by its content, as %s', async (kind, mediaType) => {
    const r = await acceptEvidence(store(), SAMPLES[kind as keyof typeof SAMPLES]('x'), `file.${kind}`)
    expect(r._tag === 'Accepted' && r.put.meta.mediaType).toBe(mediaType)
  })

  it('refuses a text file named .pdf and a plain ZIP, whatever their names say', async () => {
    const text = await acceptEvidence(store(), SAMPLES.text(), '方案.pdf')
    expect(text).toEqual({
      _tag: 'WrongType',
      message: expect.stringContaining('方案.pdf：按内容识别为无法识别的文件'),
    })
    const zip = await acceptEvidence(store(), SAMPLES.zip(), '方案.docx')
    expect(zip).toEqual({ _tag: 'WrongType', message: expect.stringContaining('识别为 ZIP 文件') })
  })

  it('refuses a file of 20 MiB + 1 byte and accepts one of exactly 20 MiB', async () => {
    const big = new Uint8Array(EVIDENCE_MAX_BYTES + 1)
    big.set(SAMPLES.pdf())
    expect(await acceptEvidence(store(), big, 'big.pdf')).toEqual({
      _tag: 'TooLarge',
      limitBytes: EVIDENCE_MAX_BYTES,
    })
    const r = await acceptEvidence(store(), big.subarray(0, EVIDENCE_MAX_BYTES), 'max.pdf')
    expect(r._tag).toBe('Accepted')
  })
})

describe('directory adapter atomicity', () => {
  it('never shows a partial file: every file named by a hash holds exactly those bytes, even while writing', async () => {
    const dir = temp('atomic')
    const store = createDirEvidenceStore({ dir })
    const bytes = new Uint8Array(16 * 1024 * 1024)
    bytes.set(SAMPLES.pdf('large'))
    const sha256 = sha256Of(bytes)
    let writing = true
    const observed = { absent: 0, complete: 0, partial: 0, temporary: 0 }
    const watcher = (async () => {
      while (writing) {
        for (const name of readdirSync(dir)) {
          if (name.startsWith('.tmp-')) observed.temporary++
          if (name !== sha256) continue
          const seen = readFileSync(join(dir, name))
          if (sha256Of(seen) === sha256) observed.complete++
          else observed.partial++
        }
        if (!readdirSync(dir).includes(sha256)) observed.absent++
        if ((await store.has([sha256])).size === 1 && (await store.get(sha256))?.size !== bytes.length)
          observed.partial++
        await new Promise((r) => setImmediate(r))
      }
    })()
    await store.put({ bytes, mediaType: 'application/pdf', name: 'large.pdf' })
    writing = false
    await watcher
    expect(observed.partial).toBe(0)
    // The watcher did look while the bytes were being written (a temporary file was there, the hash was not).
    expect(observed.temporary).toBeGreaterThan(0)
    expect(observed.absent).toBeGreaterThan(0)
    // Only the file, its metadata and the references folder: no temporary file left behind.
    expect(readdirSync(dir).sort()).toEqual([sha256, `${sha256}.json`, 'refs'])
  })
})
