/** @module Evidence files (SPEC §9): the port, its SQLite and directory adapters, and the content check. */
export {
  ALLOWED_LABELS,
  acceptEvidence,
  EVIDENCE_MAX_BYTES,
  EVIDENCE_TYPES,
  isOfd,
  OFD_MEDIA_TYPE,
  type Refusal,
  sniffEvidence,
} from './accept'
export { createDirEvidenceStore } from './dir-evidence'
export type * from './port'
export { createSqliteEvidenceStore, type SqliteEvidenceOptions, sha256Of } from './sqlite-evidence'
