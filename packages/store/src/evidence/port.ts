/**
 * @module The evidence store port (SPEC §9): 佐证材料 kept by content. A file's address is the SHA-256 of its
 * bytes, so the same bytes stored twice are one copy, and a file named by a hash always holds exactly those bytes.
 * Besides the files, each backend keeps which units' facts reference which file: the reporter read rule
 * (`GET /v1/evidence/{sha256}` for "the reporter of a unit whose fact references it") is answered from it.
 */

/** What is known about a stored file. */
export interface EvidenceMeta {
  /** 64 lowercase hex digits: the SHA-256 of the bytes. */
  readonly sha256: string
  readonly size: number
  /** Detected from the content when the file was accepted (`acceptEvidence`), never taken from the client. */
  readonly mediaType: string
  /** The file name given by whoever stored these bytes first (later uploads of the same bytes keep it). */
  readonly name: string
}

export interface EvidenceFile extends EvidenceMeta {
  readonly bytes: Uint8Array
}

export interface Put {
  readonly meta: EvidenceMeta
  /** False when these bytes were already stored: nothing was written. */
  readonly created: boolean
}

/** One unit's fact refers to one file. */
export interface EvidenceReference {
  readonly sha256: string
  readonly unitId: string
}

export interface EvidenceStore {
  /** Stores the bytes under their hash (computed here, never trusted from a caller) unless already stored. */
  readonly put: (file: {
    readonly bytes: Uint8Array
    readonly mediaType: string
    readonly name: string
  }) => Promise<Put>
  readonly get: (sha256: string) => Promise<EvidenceFile | undefined>
  /** Which of these hashes are stored. */
  readonly has: (sha256s: ReadonlyArray<string>) => Promise<ReadonlySet<string>>
  /** Every stored file, ordered by hash. */
  readonly list: () => Promise<ReadonlyArray<EvidenceMeta>>
  /** Notes that these units' facts reference these files (idempotent). */
  readonly addReferences: (refs: ReadonlyArray<EvidenceReference>) => Promise<void>
  readonly isReferencedBy: (sha256: string, unitId: string) => Promise<boolean>
  readonly close: () => Promise<void>
}
