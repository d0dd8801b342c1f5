/**
 * @module Hostile spreadsheets for tests, made on the fly (no binary fixtures): a real template workbook with one
 * entry replaced by a zip bomb, and the ZIP writing that takes. The bomb is deflated as a stream from a small
 * repeated chunk, so making it costs a few megabytes of memory whatever size it claims.
 */
import { crc32, createDeflateRaw, inflateRawSync } from 'node:zlib'
import * as E from 'fp-ts/Either'
import { type ZipEntry, zipDirectory } from '../zip'

/** An entry as written: its compressed bytes and what the directory says about them. */
export interface RawEntry {
  readonly name: string
  readonly method: 0 | 8
  readonly crc32: number
  readonly data: Uint8Array
  readonly size: number
}

const le = (bytes: number, value: number) => {
  const out = new Uint8Array(bytes)
  for (let i = 0; i < bytes; i++) out[i] = Math.floor(value / 256 ** i) % 256
  return out
}

const concat = (parts: ReadonlyArray<Uint8Array>) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** A ZIP archive of these entries, in this order (no data descriptors, no comments). */
export const zipOf = (entries: ReadonlyArray<RawEntry>): Uint8Array => {
  const locals: Uint8Array[] = []
  const centrals: Uint8Array[] = []
  let offset = 0
  for (const e of entries) {
    const name = new TextEncoder().encode(e.name)
    const common = [le(2, 20), le(2, 0x0800), le(2, e.method), le(4, 0), le(4, e.crc32)]
    const sizes = [le(4, e.data.length), le(4, e.size), le(2, name.length), le(2, 0)]
    const local = concat([le(4, 0x04034b50), ...common, ...sizes, name, e.data])
    centrals.push(
      concat([
        le(4, 0x02014b50),
        le(2, 20),
        ...common,
        ...sizes,
        le(2, 0),
        le(2, 0),
        le(2, 0),
        le(4, 0),
        le(4, offset),
        name,
      ])
    )
    locals.push(local)
    offset += local.length
  }
  const directory = concat(centrals)
  const end = [le(4, 0x06054b50), le(4, 0), le(2, entries.length), le(2, entries.length)]
  return concat([...locals, directory, ...end, le(4, directory.length), le(4, offset), le(2, 0)])
}

/** The entries of an archive as they are stored (nothing inflated). */
export const rawEntries = (zip: Uint8Array): RawEntry[] => {
  const dir = zipDirectory(zip)
  if (E.isLeft(dir)) throw new Error(dir.left)
  return dir.right.map((e: ZipEntry) => ({
    name: e.name,
    method: e.method,
    crc32: e.crc32,
    data: zip.slice(e.dataOffset, e.dataOffset + e.compressedSize),
    size: e.declaredSize,
  }))
}

/** `head`, then `padding` bytes of spaces, then `tail`, deflated as a stream (a 1 MiB chunk at most in memory). */
export const paddedEntry = async (
  name: string,
  head: string,
  padding: number,
  tail: string
): Promise<RawEntry> => {
  const deflate = createDeflateRaw({ level: 9 })
  const chunks: Buffer[] = []
  deflate.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject))
  const write = (b: Buffer) =>
    new Promise<void>((resolve) => (deflate.write(b) ? resolve() : deflate.once('drain', resolve)))
  const spaces = Buffer.alloc(Math.min(padding, 1 << 20), 0x20)
  let crc = crc32(head)
  await write(Buffer.from(head))
  for (let left = padding; left > 0; left -= spaces.length) {
    const chunk = left >= spaces.length ? spaces : spaces.subarray(0, left)
    crc = crc32(chunk, crc)
    await write(chunk)
  }
  crc = crc32(tail, crc)
  deflate.end(Buffer.from(tail))
  await done
  return {
    name,
    method: 8,
    crc32: crc,
    data: concat(chunks),
    size: Buffer.byteLength(head) + padding + Buffer.byteLength(tail),
  }
}

/** The entry `zipBomb` pads: the first event sheet's (the instructions are sheet 1). */
export const BOMBED = 'xl/worksheets/sheet2.xml'

/**
 * The workbook with its first event sheet's XML padded with spaces before `</worksheet>` to `size` bytes — the
 * zip bomb of the hostile review (a 433 KB file whose sheet inflated to 400 MB). The entry keeps its real head
 * and tail, so it is valid XML an XLSX reader would inflate and parse in full.
 */
export const zipBomb = async (workbook: Uint8Array, size: number): Promise<Uint8Array> => {
  const entries = rawEntries(workbook)
  const sheet = entries.find((e) => e.name === BOMBED)!
  const xml = inflateRawSync(sheet.data).toString('utf8')
  const cut = xml.lastIndexOf('</worksheet>')
  const [head, tail] = [xml.slice(0, cut), xml.slice(cut)]
  const bomb = await paddedEntry(BOMBED, head, size - Buffer.byteLength(head) - Buffer.byteLength(tail), tail)
  return zipOf(entries.map((e) => (e.name === BOMBED ? bomb : e)))
}

/** The archive with one entry's declared uncompressed size (in its directory record) replaced. */
export const withDeclaredSize = (zip: Uint8Array, name: string, size: number): Uint8Array =>
  zipOf(rawEntries(zip).map((e) => (e.name === name ? { ...e, size } : e)))
