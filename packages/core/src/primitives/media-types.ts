/**
 * @module The kinds of file accepted as evidence (SPEC §9), by media type: the label people read and the file name
 * extensions that belong to each. The store tells the type from a file's content; the name a person gives must not
 * say otherwise — a PNG named `签到表.hta` would be saved under that name and opened by Windows as a program.
 */
export const OFD_MEDIA_TYPE = 'application/ofd'

export const EVIDENCE_MEDIA_TYPES: Readonly<
  Record<string, { readonly label: string; readonly extensions: ReadonlyArray<string> }>
> = {
  'application/pdf': { label: 'PDF', extensions: ['pdf'] },
  'image/jpeg': { label: 'JPEG', extensions: ['jpg', 'jpeg'] },
  'image/png': { label: 'PNG', extensions: ['png'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    label: 'DOCX',
    extensions: ['docx'],
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    label: 'XLSX',
    extensions: ['xlsx'],
  },
  [OFD_MEDIA_TYPE]: { label: 'OFD', extensions: ['ofd'] },
}

const extensionOf = (name: string): string | undefined => {
  const m = /\.([^.\\/]+)$/.exec(name)
  return m ? m[1]!.toLowerCase() : undefined
}

/** Whether `name` says nothing else than `mediaType`: no extension, or one of the type's. Unknown types: true. */
export const nameFitsType = (name: string, mediaType: string): boolean => {
  const ext = extensionOf(name)
  const known = EVIDENCE_MEDIA_TYPES[mediaType]
  return ext === undefined || known === undefined || known.extensions.includes(ext)
}

/** The name to save a file under: `name` when it fits its type, else its stem with the type's extension. */
export const savedName = (name: string, mediaType: string): string => {
  const known = EVIDENCE_MEDIA_TYPES[mediaType]
  if (known === undefined) return name
  const ext = extensionOf(name)
  if (ext !== undefined && known.extensions.includes(ext)) return name
  const stem = ext === undefined ? name : name.slice(0, -(ext.length + 1))
  return `${stem}.${known.extensions[0]}`
}
