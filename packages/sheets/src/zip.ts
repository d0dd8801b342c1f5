/**
 * @module The directory of a ZIP archive (an XLSX file is one), read without inflating anything, and one entry
 * inflated within a byte budget. The central directory (at the end of the archive) lists every entry with its
 * compressed and uncompressed sizes; the end-of-central-directory record (signature PK\5\6, in the last 64 KiB
 * + 22 bytes) says where it is. This is the one ZIP reader of the code base: the evidence check's `isOfd`
 * (store/evidence/accept.ts) walks the same structure and is meant to become `zipDirectory(b)` + a name test
 * once this module moves to a package both depend on.
 *
 * It is strict on purpose. exceljs hands the archive to JSZip, which trusts the central directory's sizes and
 * offsets; so an archive is accepted only where JSZip would read exactly what is checked here: the last PK\5\6
 * record, nothing prepended (JSZip would shift every offset), no ZIP64 (its sizes come from extra fields),
 * stored or deflated entries only, each entry's data inside the file. An office program never writes
 * anything else.
 */
import { inflateRawSync } from 'node:zlib'
import * as E from 'fp-ts/Either'

export interface ZipEntry {
  readonly name: string
  /** 0: stored, 8: deflated. */
  readonly method: 0 | 8
  readonly crc32: number
  readonly compressedSize: number
  /** The uncompressed size the directory declares: what JSZip believes, not yet proven. */
  readonly declaredSize: number
  /** Where the entry's local header starts, and where its compressed bytes start (after that header). */
  readonly headerOffset: number
  readonly dataOffset: number
}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
const MAX16 = 0xffff
const MAX32 = 0xffffffff

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8)
const u32 = (b: Uint8Array, at: number) => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0

/** Every entry of the archive, or why it is not one this reader vouches for (Chinese, for the person uploading). */
export const zipDirectory = (b: Uint8Array): E.Either<string, ReadonlyArray<ZipEntry>> => {
  // The last PK\5\6, as JSZip finds it (it looks from the very end), and it must end the file with its comment.
  const floor = Math.max(0, b.length - 22 - MAX16)
  let eocd = -1
  for (let at = b.length - 4; at >= floor; at--)
    if (u32(b, at) === EOCD) {
      eocd = at
      break
    }
  if (eocd < 0) return E.left('不是 ZIP 压缩包（找不到目录）')
  if (eocd + 22 + u16(b, eocd + 20) !== b.length) return E.left('ZIP 目录记录不完整或其后有多余的数据')
  const count = u16(b, eocd + 10)
  const size = u32(b, eocd + 12)
  const start = u32(b, eocd + 16)
  if (count === MAX16 || size === MAX32 || start === MAX32) return E.left('不支持 ZIP64 格式')
  if (u16(b, eocd + 4) !== 0 || u16(b, eocd + 6) !== 0 || u16(b, eocd + 8) !== count)
    return E.left('不支持分卷的 ZIP 压缩包')
  if (start + size !== eocd) return E.left('ZIP 目录的位置与记录不符')

  const entries: ZipEntry[] = []
  let at = start
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || u32(b, at) !== CENTRAL) return E.left('ZIP 目录已损坏')
    const nameLength = u16(b, at + 28)
    const next = at + 46 + nameLength + u16(b, at + 30) + u16(b, at + 32)
    if (next > eocd) return E.left('ZIP 目录已损坏')
    const name = new TextDecoder().decode(b.subarray(at + 46, at + 46 + nameLength))
    const flags = u16(b, at + 8)
    const method = u16(b, at + 10)
    const compressedSize = u32(b, at + 20)
    const declaredSize = u32(b, at + 24)
    const headerOffset = u32(b, at + 42)
    if (flags & 1) return E.left(`${name} 已加密`)
    if (method !== 0 && method !== 8) return E.left(`${name} 使用了不支持的压缩方式 ${method}`)
    if (compressedSize === MAX32 || declaredSize === MAX32 || headerOffset === MAX32 || u16(b, at + 34) !== 0)
      return E.left('不支持 ZIP64 格式')
    if (method === 0 && compressedSize !== declaredSize) return E.left(`${name} 的大小记录不一致`)
    // JSZip reads the data after the local header's own name and extra field, with the directory's sizes.
    if (headerOffset + 30 > start || u32(b, headerOffset) !== LOCAL) return E.left(`${name} 的文件头已损坏`)
    const dataOffset = headerOffset + 30 + u16(b, headerOffset + 26) + u16(b, headerOffset + 28)
    if (dataOffset + compressedSize > start) return E.left(`${name} 的数据超出了文件`)
    entries.push({
      name,
      method,
      crc32: u32(b, at + 16),
      compressedSize,
      declaredSize,
      headerOffset,
      dataOffset,
    })
    at = next
  }
  // JSZip reads directory records for as long as they follow one another: there must be no more than counted.
  if (at !== eocd) return E.left('ZIP 目录的条目数与记录不符')
  return E.right(entries)
}

/** What inflating an entry within its declared size gave. */
export type Inflated =
  | { readonly _tag: 'AsDeclared' }
  /** More bytes than declared: stopped at the declared size, the rest never produced. */
  | { readonly _tag: 'Exceeds' }
  | { readonly _tag: 'Corrupt'; readonly actualSize?: number }

/**
 * Inflates one entry with a budget of exactly its declared size (zlib stops and throws as soon as the output
 * would exceed `maxOutputLength`), so a directory that lies costs at most what it declares. The output is
 * dropped: this proves the size, the reader inflates the entry again (JSZip, the same bytes and the same
 * algorithm) — twice the inflating of a file already bounded, in exchange for no second unzip code path.
 */
export const inflateWithinDeclared = (b: Uint8Array, e: ZipEntry): Inflated => {
  if (e.method === 0) return { _tag: 'AsDeclared' }
  try {
    const out = inflateRawSync(b.subarray(e.dataOffset, e.dataOffset + e.compressedSize), {
      maxOutputLength: Math.max(1, e.declaredSize),
    })
    return out.length === e.declaredSize
      ? { _tag: 'AsDeclared' }
      : { _tag: 'Corrupt', actualSize: out.length }
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE'
      ? { _tag: 'Exceeds' }
      : { _tag: 'Corrupt' }
  }
}
