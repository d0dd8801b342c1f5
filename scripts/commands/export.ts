/**
 * @module `kaoping export [--from POSITION] [--out FILE] [--db PATH] [--evidence DIR]`: the log as NDJSON, streamed
 * page by page, to stdout or a file. `--from` is inclusive, as in `GET /v1/events/export?from` (SPEC §6). With
 * `--evidence`, the files the exported events reference are written into DIR.
 */
import { createWriteStream, type WriteStream } from 'node:fs'
import { exportLine, readEverything } from '@kaoping/store'
import { parseCommand } from '../lib/args'
import { UsageError } from '../lib/cli-error'
import { exportEvidence, noteEvidence } from '../lib/evidence-files'
import { requireDatabase } from '../lib/existing-database'
import { describeFileError } from '../lib/file-error'
import { openStore } from '../lib/open-store'
import { EXPORT } from '../lib/specs/export'

type Write = (chunk: string) => Promise<void>

/** A file opened for writing, with the same back-pressure as stdout; opening errors surface in Chinese. */
const fileSink = async (path: string): Promise<{ write: Write; close: () => Promise<void> }> => {
  const out: WriteStream = createWriteStream(path)
  await new Promise<void>((resolve, reject) => {
    out.once('open', () => resolve())
    out.once('error', (e) => reject(new UsageError([describeFileError(e, path, true)])))
  })
  return {
    write: (chunk) =>
      new Promise((resolve, reject) => {
        out.write(chunk, (e) => (e ? reject(new UsageError([describeFileError(e, path, true)])) : resolve()))
      }),
    close: () => new Promise((resolve) => out.end(resolve)),
  }
}

/** Writes the events; returns what to tell the person (nothing when the events themselves went to stdout). */
export const exportCommand = async (argv: ReadonlyArray<string>, stdout: Write): Promise<string> => {
  const { values } = parseCommand(EXPORT, argv)
  requireDatabase(values.db)
  const cited = values.evidence === undefined ? undefined : new Set<string>()
  const store = openStore(values.db)
  const sink = values.out === undefined ? undefined : await fileSink(values.out)
  const write = sink?.write ?? stdout
  let count = 0
  try {
    // The store reads strictly after a position; `from` names the first one wanted.
    const from = values.from === undefined ? 0n : BigInt(values.from)
    let chunk: string[] = []
    for await (const e of readEverything(store, from > 0n ? from - 1n : undefined)) {
      chunk.push(exportLine(e))
      if (cited) noteEvidence(cited, e.data)
      count++
      if (chunk.length === 1000) {
        await write(`${chunk.join('\n')}\n`)
        chunk = []
      }
    }
    if (chunk.length > 0) await write(`${chunk.join('\n')}\n`)
    if (cited && values.evidence) await exportEvidence(values.db, values.evidence, cited)
  } finally {
    await sink?.close()
    await store.close()
  }
  return sink ? `已导出 ${count} 条事件：${values.out}\n` : ''
}
