/**
 * @module A child process for the directory adapter's kill test: `DIR` — puts distinct 4 MiB files forever,
 * printing `ack N <sha256>` after each put returned.
 */
import { createDirEvidenceStore } from '../dir-evidence'

const store = createDirEvidenceStore({ dir: process.argv[2]! })
const say = (line: string) =>
  new Promise<void>((resolve) => process.stdout.write(`${line}\n`, () => resolve()))
for (let n = 0; ; n++) {
  const bytes = new Uint8Array(4 * 1024 * 1024).fill(n % 251)
  bytes.set(Buffer.from(`%PDF-1.4 ${n}\n`))
  const { meta } = await store.put({ bytes, mediaType: 'application/pdf', name: `file-${n}.pdf` })
  await say(`ack ${n} ${meta.sha256}`)
}
