/**
 * @module Evidence files on the command line (SPEC §9): `kaoping export --evidence DIR` writes the files the
 * exported events reference into DIR, and `kaoping import FILE --evidence DIR` loads DIR's files before the
 * events. DIR has the layout of the directory adapter (`DIR/<sha256>` and `DIR/<sha256>.json`, written
 * atomically), the same as `KAOPING_EVIDENCE_DIR`. For a spreadsheet, DIR may also hold files under their own
 * names (`实施方案.pdf`), which its 佐证材料 column names. Every imported file goes through the same content check
 * as an upload, so a DIR edited by hand cannot slip in another kind of file.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { acceptEvidence, createDirEvidenceStore, type EvidenceStore, sha256Of } from '@kaoping/store'
import { UsageError } from './cli-error'
import { openEvidence } from './open-evidence'

/** Adds the hashes an event's data references (`evidence: [{ sha256, name }]`). */
export const noteEvidence = (into: Set<string>, data: unknown): void => {
  const evidence = (data as { evidence?: unknown }).evidence
  if (!Array.isArray(evidence)) return
  for (const ref of evidence) {
    const sha256 = (ref as { sha256?: unknown }).sha256
    if (typeof sha256 === 'string') into.add(sha256)
  }
}

/** Copies these files from the database's evidence store into DIR; every one must exist. */
export const exportEvidence = async (db: string | undefined, dir: string, hashes: ReadonlySet<string>) => {
  const source = openEvidence(db).store
  const target = createDirEvidenceStore({ dir })
  try {
    const missing: string[] = []
    for (const sha256 of [...hashes].sort()) {
      const file = await source.get(sha256)
      if (file) await target.put(file)
      else missing.push(`佐证材料 ${sha256} 被事件引用，但不在库中，未能导出`)
    }
    if (missing.length > 0) throw new UsageError(missing)
    return hashes.size
  } finally {
    await source.close()
  }
}

/**
 * Opens the database's evidence store and, when DIR is given, loads its files into it first (each checked as an
 * upload is): the directory layout's `<sha256>` files, and files under their own names (`实施方案.pdf`), which a
 * spreadsheet's 佐证材料 column names (`byName`). The caller closes what it returns.
 */
export const loadEvidence = async (
  db: string | undefined,
  dir: string | undefined,
  /** A reporter's unit importing: it holds the files it brings, so its events may cite them (evidence-check.ts). */
  holder?: string
): Promise<{
  readonly store: EvidenceStore
  readonly loaded: number
  /** Files under their own names: name → SHA-256. */
  readonly byName: ReadonlyMap<string, string>
}> => {
  if (dir !== undefined && !(existsSync(dir) && statSync(dir).isDirectory()))
    throw new UsageError([`--evidence ${dir} 不是目录`])
  const { store } = openEvidence(db)
  const byName = new Map<string, string>()
  if (dir === undefined) return { store, loaded: 0, byName }
  const problems: string[] = []
  let loaded = 0
  const accept = async (bytes: Uint8Array, name: string, where: string) => {
    const r = await acceptEvidence(store, bytes, name)
    if (r._tag !== 'Accepted') {
      problems.push(r._tag === 'TooLarge' ? `${where} 超过 ${r.limitBytes} 字节` : `${where} ${r.message}`)
      return undefined
    }
    loaded += r.put.created ? 1 : 0
    if (holder !== undefined) await store.addReferences([{ sha256: r.put.meta.sha256, unitId: holder }])
    return r.put.meta.sha256
  }
  const source = createDirEvidenceStore({ dir })
  for (const meta of await source.list()) {
    const file = (await source.get(meta.sha256))!
    if (sha256Of(file.bytes) !== meta.sha256)
      problems.push(`${join(dir, meta.sha256)}：内容与文件名的哈希不符`)
    else await accept(file.bytes, file.name, join(dir, meta.sha256))
  }
  // Files under their own names: not the layout's `<sha256>`, `<sha256>.json`, `refs/` or `.tmp-…`.
  for (const name of readdirSync(dir).sort()) {
    if (/^[0-9a-f]{64}(\.json)?$/.test(name) || name.startsWith('.') || !statSync(join(dir, name)).isFile())
      continue
    const sha256 = await accept(new Uint8Array(readFileSync(join(dir, name))), name, join(dir, name))
    if (sha256) byName.set(name.normalize('NFC'), sha256)
  }
  if (problems.length > 0) {
    await store.close()
    throw new UsageError(problems)
  }
  return { store, loaded, byName }
}
