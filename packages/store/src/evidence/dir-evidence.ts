/**
 * @module Evidence in a directory (SPEC §9: `KAOPING_EVIDENCE_DIR` with EventStoreDB, shared by every node; also
 * the layout `kaoping export --evidence DIR` writes). Layout:
 *
 *     DIR/<sha256>             the bytes, named by their hash
 *     DIR/<sha256>.json        { size, mediaType, name }
 *     DIR/refs/<sha256>/<unitId>   an empty marker: a fact of that unit references that file
 *
 * Every file is written to a temporary name in DIR (`.tmp-…`, same file system), flushed to disk, then renamed
 * into place — a rename is atomic, so a file named by a hash is never seen half-written, even by another node or
 * after a crash (a crash leaves at most a `.tmp-…` file, which nothing reads). The metadata is placed before the
 * bytes, so a file that `has` reports always has its metadata. The same bytes twice are one file: a second put
 * finds it and writes nothing.
 */
import { randomUUID } from 'node:crypto'
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { EvidenceMeta, EvidenceStore } from './port'
import { sha256Of } from './sqlite-evidence'

const HASH = /^[0-9a-f]{64}$/
/** Unit ids are slugs (`[a-z0-9-]`), safe as file names; anything else is refused rather than escaped. */
const SLUG = /^[a-z0-9-]{1,64}$/

const exists = async (path: string) =>
  stat(path).then(
    () => true,
    (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return false
      throw e
    }
  )

/** Write to a temporary file beside the target, fsync it, rename it over the target, fsync the directory. */
export const writeAtomically = async (
  dir: string,
  name: string,
  bytes: Uint8Array | string
): Promise<void> => {
  const temp = join(dir, `.tmp-${randomUUID()}`)
  try {
    const handle = await open(temp, 'wx')
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, join(dir, name))
  } catch (e) {
    await rm(temp, { force: true })
    throw e
  }
  const d = await open(dir, 'r')
  try {
    await d.sync()
  } finally {
    await d.close()
  }
}

export const createDirEvidenceStore = (options: { readonly dir: string }): EvidenceStore => {
  const { dir } = options
  const refsDir = join(dir, 'refs')
  // Created on the first write, so reading a folder (an import's source) leaves it as it was.
  let made: Promise<unknown> | undefined
  const ready = () => (made ??= mkdir(refsDir, { recursive: true }))
  const metaOf = async (sha256: string): Promise<EvidenceMeta | undefined> => {
    if (!HASH.test(sha256) || !(await exists(join(dir, sha256)))) return undefined
    const m = JSON.parse(await readFile(join(dir, `${sha256}.json`), 'utf8')) as Omit<EvidenceMeta, 'sha256'>
    return { sha256, size: m.size, mediaType: m.mediaType, name: m.name }
  }
  return {
    put: async ({ bytes, mediaType, name }) => {
      await ready()
      const sha256 = sha256Of(bytes)
      const stored = await metaOf(sha256)
      if (stored) return { meta: stored, created: false }
      const meta: EvidenceMeta = { sha256, size: bytes.length, mediaType, name }
      await writeAtomically(dir, `${sha256}.json`, JSON.stringify({ size: meta.size, mediaType, name }))
      await writeAtomically(dir, sha256, bytes)
      return { meta, created: true }
    },
    get: async (sha256) => {
      const meta = await metaOf(sha256)
      return meta && { ...meta, bytes: new Uint8Array(await readFile(join(dir, sha256))) }
    },
    has: async (sha256s) => {
      const found = await Promise.all(
        sha256s.map(async (h) => (HASH.test(h) && (await exists(join(dir, h))) ? [h] : []))
      )
      return new Set(found.flat())
    },
    list: async () => {
      const all = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return []
        throw e
      })
      const names = all.filter((n) => HASH.test(n)).sort()
      return (await Promise.all(names.map(metaOf))).flatMap((m) => (m ? [m] : []))
    },
    addReferences: async (refs) => {
      await ready()
      for (const { sha256, unitId } of refs) {
        if (!HASH.test(sha256) || !SLUG.test(unitId))
          throw new Error(`无效的佐证材料引用：${sha256} ${unitId}`)
        await mkdir(join(refsDir, sha256), { recursive: true })
        // Empty and created whole: no temporary file needed.
        await writeFile(join(refsDir, sha256, unitId), '')
      }
    },
    isReferencedBy: async (sha256, unitId) =>
      HASH.test(sha256) && SLUG.test(unitId) && exists(join(refsDir, sha256, unitId)),
    close: async () => {},
  }
}
