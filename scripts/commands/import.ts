/** @module `kaoping import FILE.ndjson [--db PATH]`: loads an event file into the store, all of it or nothing. */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { formatLineIssue } from '@kaoping/core'
import { describeAppendError, importLog } from '@kaoping/store'
import * as E from 'fp-ts/Either'
import { parse } from '../lib/args'
import { UsageError } from '../lib/cli-error'
import { openStore } from '../lib/open-store'

export const IMPORT_USAGE = '用法：kaoping import 文件.ndjson [--db data/kaoping.db]'

export const importCommand = async (argv: ReadonlyArray<string>): Promise<string> => {
  const { values, positionals } = parse(argv, { db: { type: 'string' } }, IMPORT_USAGE, true)
  const file = positionals[0]
  if (!file || positionals.length > 1) throw new UsageError(['请指定一个事件文件', IMPORT_USAGE])
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    throw new UsageError([
      `无法读取事件文件 ${file}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    ])
  }
  const store = openStore(values.db)
  try {
    const result = await importLog(store, text)
    if (E.isLeft(result)) {
      const err = result.left
      throw new UsageError(
        err._tag === 'BadLines'
          ? err.issues.map((i) => formatLineIssue(basename(file), i))
          : [describeAppendError(err)]
      )
    }
    return `已导入 ${result.right.imported} 条事件，跳过已存在的 ${result.right.skipped} 条\n`
  } finally {
    await store.close()
  }
}
