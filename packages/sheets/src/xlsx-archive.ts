/**
 * @module An XLSX file checked as a ZIP archive before exceljs inflates it: exceljs (through JSZip) inflates
 * every entry whole, trusting the sizes the archive declares, so a small upload can inflate to gigabytes (the
 * hostile review's 433 KB file padded to 400 MB: 10 s, 1.1 GB, and an out-of-memory crash with six at once).
 */
import * as E from 'fp-ts/Either'
import {
  type FileRefusal,
  MAX_ENTRIES,
  MAX_RATIO,
  MAX_UNCOMPRESSED_BYTES,
  RATIO_CHECKED_ABOVE,
} from './limits'
import { inflateWithinDeclared, zipDirectory } from './zip'

/**
 * Why these bytes may not go to exceljs, or undefined. First what the directory declares, nothing inflated: the
 * number of entries, each entry's compression ratio, the total. Declared sizes can lie, so then every entry is
 * inflated with a budget of its declared size and the output dropped: the sum of the budgets is at most the cap,
 * and what JSZip inflates next is, byte for byte, what was just proven (zip.ts reads the archive as it does).
 */
export const checkXlsxArchive = (bytes: Uint8Array): FileRefusal | undefined => {
  const dir = zipDirectory(bytes)
  if (E.isLeft(dir)) return { _tag: 'NotAnArchive', reason: dir.left }
  const entries = dir.right
  if (entries.length > MAX_ENTRIES) return { _tag: 'TooManyEntries', entries: entries.length }
  for (const e of entries)
    if (e.declaredSize > RATIO_CHECKED_ABOVE && e.declaredSize > MAX_RATIO * e.compressedSize)
      return {
        _tag: 'BombRatio',
        entry: e.name,
        compressedBytes: e.compressedSize,
        declaredBytes: e.declaredSize,
      }
  const declared = entries.reduce((n, e) => n + e.declaredSize, 0)
  if (declared > MAX_UNCOMPRESSED_BYTES) return { _tag: 'InflatesTooLarge', declaredBytes: declared }
  for (const e of entries) {
    const inflated = inflateWithinDeclared(bytes, e)
    if (inflated._tag === 'Exceeds')
      return { _tag: 'InflatesBeyondDeclared', entry: e.name, declaredBytes: e.declaredSize }
    if (inflated._tag === 'Corrupt') return { _tag: 'CorruptEntry', entry: e.name }
  }
  return undefined
}
