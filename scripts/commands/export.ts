/**
 * @module `kaoping export [--from POSITION] [--db PATH] [--evidence DIR]`: the log as NDJSON on stdout, streamed
 * page by page; with `--evidence`, the files the exported events reference are written into DIR.
 */
import { exportLine, readEverything } from '@kaoping/store'
import { parse } from '../lib/args'
import { UsageError } from '../lib/cli-error'
import { exportEvidence, noteEvidence } from '../lib/evidence-files'
import { openStore } from '../lib/open-store'

export const EXPORT_USAGE =
  '用法：kaoping export [--from 位置] [--db data/kaoping.db] [--evidence 目录]（输出位置之后的事件；佐证材料写入目录）'

export const exportCommand = async (
  argv: ReadonlyArray<string>,
  write: (chunk: string) => Promise<void>
): Promise<void> => {
  const { values } = parse(
    argv,
    { from: { type: 'string' }, db: { type: 'string' }, evidence: { type: 'string' } },
    EXPORT_USAGE
  )
  const cited = values.evidence === undefined ? undefined : new Set<string>()
  if (values.from !== undefined && !/^\d+$/.test(values.from))
    throw new UsageError([`--from 应为非负整数位置，实际为 ${values.from}`, EXPORT_USAGE])
  const store = openStore(values.db)
  try {
    let chunk: string[] = []
    for await (const e of readEverything(
      store,
      values.from === undefined ? undefined : BigInt(values.from)
    )) {
      chunk.push(exportLine(e))
      if (cited) noteEvidence(cited, e.data)
      if (chunk.length === 1000) {
        await write(`${chunk.join('\n')}\n`)
        chunk = []
      }
    }
    if (chunk.length > 0) await write(`${chunk.join('\n')}\n`)
    if (cited && values.evidence) await exportEvidence(values.db, values.evidence, cited)
  } finally {
    await store.close()
  }
}
