/**
 * @module Small, real files of every accepted kind for tests: PDF, PNG and JPEG by their headers, and the ZIP
 * packages (DOCX, XLSX, OFD) written by a minimal ZIP writer (stored entries, no compression) — enough for the
 * content check to recognise them the way it recognises files made by Word, Excel or an OFD writer.
 */
import { crc32 } from 'node:zlib'

const le = (n: number, bytes: number) => {
  const b = Buffer.alloc(bytes)
  if (bytes === 2) b.writeUInt16LE(n)
  else b.writeUInt32LE(n >>> 0)
  return b
}

/** A ZIP archive of these entries, stored uncompressed, with its central directory. */
export const zipOf = (entries: Readonly<Record<string, string>>): Uint8Array => {
  const locals: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const [name, text] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name)
    const data = Buffer.from(text)
    const crc = crc32(data)
    const common = [
      le(20, 2),
      le(0, 2),
      le(0, 2),
      le(0, 2),
      le(0, 2),
      le(crc, 4),
      le(data.length, 4),
      le(data.length, 4),
      le(nameBytes.length, 2),
      le(0, 2),
    ]
    const local = Buffer.concat([le(0x04034b50, 4), ...common, nameBytes, data])
    central.push(
      Buffer.concat([
        le(0x02014b50, 4),
        le(20, 2),
        ...common,
        le(0, 2),
        le(0, 2),
        le(0, 2),
        le(0, 4),
        le(offset, 4),
        nameBytes,
      ])
    )
    locals.push(local)
    offset += local.length
  }
  const dir = Buffer.concat(central)
  const end = Buffer.concat([
    le(0x06054b50, 4),
    le(0, 2),
    le(0, 2),
    le(central.length, 2),
    le(central.length, 2),
    le(dir.length, 4),
    le(offset, 4),
    le(0, 2),
  ])
  return new Uint8Array(Buffer.concat([...locals, dir, end]))
}

const contentTypes = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="${main}"/></Types>`

/** `tag` makes otherwise identical samples differ (a distinct hash per test). */
export const SAMPLES = {
  pdf: (tag = '') =>
    new Uint8Array(Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${tag}\n%%EOF\n`)),
  png: (tag = '') =>
    new Uint8Array(
      Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
        Buffer.from('IHDR'),
        Buffer.alloc(17),
        Buffer.from(tag),
      ])
    ),
  jpeg: (tag = '') =>
    new Uint8Array(
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), Buffer.from(`JFIF\0${tag}`)])
    ),
  docx: (tag = '') =>
    zipOf({
      '[Content_Types].xml': contentTypes(
        '/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'
      ),
      'word/document.xml': `<w:document>${tag}</w:document>`,
    }),
  xlsx: (tag = '') =>
    zipOf({
      '[Content_Types].xml': contentTypes(
        '/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'
      ),
      'xl/workbook.xml': `<workbook>${tag}</workbook>`,
    }),
  ofd: (tag = '') =>
    zipOf({
      'OFD.xml': `<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0"><ofd:DocBody/></ofd:OFD>`,
      'Doc_0/Document.xml': `<ofd:Document>${tag}</ofd:Document>`,
    }),
  /** A plain ZIP that is none of the above. */
  zip: (tag = '') => zipOf({ 'readme.txt': `hello ${tag}` }),
  /** Text, whatever its name says. */
  text: (tag = '') => new Uint8Array(Buffer.from(`这不是 PDF，只是一段文字 ${tag}\n`)),
} as const
