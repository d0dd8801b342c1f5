/**
 * @module Opens where evidence files are kept (SPEC §9): the directory `KAOPING_EVIDENCE_DIR` when set (with
 * EventStoreDB it must be one every node shares), else the embedded SQLite file's own tables — or, with
 * EventStoreDB and no directory named, `evidence/` beside this node's read models (not shared: a warning says so).
 */
import { dirname, join } from 'node:path'
import {
  createDirEvidenceStore,
  createSqliteEvidenceStore,
  type EvidenceStore,
  StoreOpenError,
} from '@kaoping/store'
import { UsageError } from './cli-error'
import { DEFAULT_DB } from './open-store'

export interface EvidenceWhere {
  readonly store: EvidenceStore
  /** For logs: the directory or the SQLite file. */
  readonly where: string
  /** Set when the files are kept where other nodes cannot see them. */
  readonly warning?: string
}

export const openEvidence = (
  db: string = DEFAULT_DB,
  env: { readonly evidenceDir?: string | undefined; readonly eventstoreUrl?: string | undefined } = {
    evidenceDir: process.env.KAOPING_EVIDENCE_DIR,
    eventstoreUrl: process.env.EVENTSTORE_URL,
  }
): EvidenceWhere => {
  if (env.evidenceDir)
    return { store: createDirEvidenceStore({ dir: env.evidenceDir }), where: env.evidenceDir }
  if (env.eventstoreUrl) {
    const dir = join(dirname(db), 'evidence')
    return {
      store: createDirEvidenceStore({ dir }),
      where: dir,
      warning: `未设置 KAOPING_EVIDENCE_DIR：佐证材料保存在本节点的 ${dir}，其他节点看不到；多节点部署请指向共享目录`,
    }
  }
  try {
    return { store: createSqliteEvidenceStore({ path: db }), where: db }
  } catch (e) {
    if (e instanceof StoreOpenError) throw new UsageError([e.message])
    throw e
  }
}
