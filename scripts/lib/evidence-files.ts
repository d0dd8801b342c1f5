/**
 * @module Evidence files on the command line (SPEC §9): `kaoping export --evidence DIR` writes the files the
 * exported events reference into DIR, and `kaoping import FILE --evidence DIR` loads DIR's files before the
 * events. DIR has the layout of the directory adapter (`DIR/<sha256>` and `DIR/<sha256>.json`, written
 * atomically), the same as `KAOPING_EVIDENCE_DIR`; an imported file goes through the same content check as an
 * upload, so a DIR edited by hand cannot slip in another kind of file.
 */
import { existsSync, statSync } from 'node:fs'
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
 * upload is, and by its hash). The caller closes what it returns.
 */
export const loadEvidence = async (
  db: string | undefined,
  dir: string | undefined
): Promise<{ readonly store: EvidenceStore; readonly loaded: number }> => {
  if (dir !== undefined && !(existsSync(dir) && statSync(dir).isDirectory()))
    throw new UsageError([`--evidence ${dir} 不是目录`])
  const { store } = openEvidence(db)
  if (dir === undefined) return { store, loaded: 0 }
  const source = createDirEvidenceStore({ dir })
  const problems: string[] = []
  let loaded = 0
  for (const meta of await source.list()) {
    const file = (await source.get(meta.sha256))!
    if (sha256Of(file.bytes) !== meta.sha256) {
      problems.push(`${dir}/${meta.sha256}：内容与文件名的哈希不符`)
      continue
    }
    const r = await acceptEvidence(store, file.bytes, file.name)
    if (r._tag === 'Accepted') loaded += r.put.created ? 1 : 0
    else
      problems.push(
        `${dir}/${meta.sha256} ${r._tag === 'TooLarge' ? `超过 ${r.limitBytes} 字节` : r.message}`
      )
  }
  if (problems.length > 0) {
    await store.close()
    throw new UsageError(problems)
  }
  return { store, loaded }
}
