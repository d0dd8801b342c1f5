/**
 * @module Which files are accepted as evidence, checked by their content, never by their name or the client's
 * Content-Type (SPEC §9): PDF, JPEG, PNG, DOCX, XLSX and OFD, at most 20 MiB. Detection is the `file-type`
 * package's (it reads the magic numbers and, for ZIP containers, the entries that make an Office document);
 * it does not know OFD, the Chinese national format for electronic documents, which is one check of our own.
 */
import { EVIDENCE_MEDIA_TYPES, nameFitsType, OFD_MEDIA_TYPE } from '@kaoping/core'
import { fileTypeFromBuffer } from 'file-type'
import type { EvidenceStore, Put } from './port'

/** 20 MiB: the largest file accepted (the API answers 413 beyond it). */
export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024

export { OFD_MEDIA_TYPE }

/** Allowed media types, as `file-type` names them, with the label people read (core `media-types.ts`). */
export const EVIDENCE_TYPES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(EVIDENCE_MEDIA_TYPES).map(([type, { label }]) => [type, label])
)

export const ALLOWED_LABELS = Object.values(EVIDENCE_TYPES).join('、')

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8)
const u32 = (b: Uint8Array, at: number) => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0

/**
 * OFD (GB/T 33190-2016) is a ZIP package whose root holds `OFD.xml`. `file-type` reports such a file as a plain
 * ZIP, so we read the ZIP's central directory (the list of entries at the end of the archive) and look for that
 * entry: find the end-of-central-directory record (signature PK\5\6, within the last 64 KiB + 22 bytes), then
 * walk the directory's headers (signature PK\1\2), each naming one entry.
 */
export const isOfd = (b: Uint8Array): boolean => {
  const floor = Math.max(0, b.length - 22 - 0xffff)
  for (let eocd = b.length - 22; eocd >= floor; eocd--) {
    if (u32(b, eocd) !== 0x06054b50) continue
    const entries = u16(b, eocd + 10)
    let at = u32(b, eocd + 16)
    for (let i = 0; i < entries && at + 46 <= b.length; i++) {
      if (u32(b, at) !== 0x02014b50) return false
      const nameLength = u16(b, at + 28)
      const name = new TextDecoder().decode(b.subarray(at + 46, at + 46 + nameLength))
      if (name === 'OFD.xml') return true
      at += 46 + nameLength + u16(b, at + 30) + u16(b, at + 32)
    }
    return false
  }
  return false
}

/** The allowed media type of these bytes, or what they were detected as (undefined: not recognised). */
export const sniffEvidence = async (
  bytes: Uint8Array
): Promise<
  | { readonly allowed: true; readonly mediaType: string }
  | { readonly allowed: false; readonly detected?: string }
> => {
  const detected = await fileTypeFromBuffer(bytes)
  if (detected?.mime === 'application/zip' && isOfd(bytes))
    return { allowed: true, mediaType: OFD_MEDIA_TYPE }
  if (detected && detected.mime in EVIDENCE_TYPES) return { allowed: true, mediaType: detected.mime }
  return detected ? { allowed: false, detected: detected.ext } : { allowed: false }
}

export type Refusal =
  | { readonly _tag: 'TooLarge'; readonly limitBytes: number }
  | { readonly _tag: 'WrongType'; readonly message: string }

/** The one way a file gets in (API upload, CLI import): size, type by content, then stored once by hash. */
export const acceptEvidence = async (
  evidence: EvidenceStore,
  bytes: Uint8Array,
  name: string
): Promise<{ readonly _tag: 'Accepted'; readonly put: Put } | Refusal> => {
  if (bytes.length > EVIDENCE_MAX_BYTES) return { _tag: 'TooLarge', limitBytes: EVIDENCE_MAX_BYTES }
  const sniffed = await sniffEvidence(bytes)
  if (!sniffed.allowed)
    return {
      _tag: 'WrongType',
      message: `${name}：按内容识别为${sniffed.detected ? ` ${sniffed.detected.toUpperCase()} ` : '无法识别的'}文件，佐证材料只接受 ${ALLOWED_LABELS}`,
    }
  // The name must not claim another kind of file than the content is: it is the name a download is saved under.
  if (!nameFitsType(name, sniffed.mediaType)) {
    const { label, extensions } = EVIDENCE_MEDIA_TYPES[sniffed.mediaType]!
    return {
      _tag: 'WrongType',
      message: `${name}：文件名的扩展名与内容不符，按内容识别为 ${label} 文件，扩展名应为 .${extensions.join(' 或 .')}`,
    }
  }
  return { _tag: 'Accepted', put: await evidence.put({ bytes, mediaType: sniffed.mediaType, name }) }
}
