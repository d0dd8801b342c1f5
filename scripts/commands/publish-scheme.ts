/** @module `kaoping publish-scheme FILE.json [--db PATH]`: publishes a scheme; a new version when its schemeId exists. */
import { randomUUID } from 'node:crypto'
import { describeCommandError, publishScheme as publish } from '@kaoping/app'
import * as E from 'fp-ts/Either'
import { parse } from '../lib/args'
import { UsageError } from '../lib/cli-error'
import { readSchemeJson } from '../lib/inputs'
import { openStore } from '../lib/open-store'

export const PUBLISH_USAGE = '用法：kaoping publish-scheme 文件.json [--db data/kaoping.db]'

export const publishScheme = async (argv: ReadonlyArray<string>): Promise<string> => {
  const { values, positionals } = parse(argv, { db: { type: 'string' } }, PUBLISH_USAGE, true)
  if (positionals.length !== 1) throw new UsageError(['请指定一个考核办法文件', PUBLISH_USAGE])
  const [first] = readSchemeJson(positionals[0]!)
  if (!first) throw new UsageError(['考核办法文件为空'])
  const store = openStore(values.db)
  try {
    const r = await publish(store, first.json, {
      principal: { role: 'admin', name: 'cli' },
      newId: randomUUID,
    })
    if (E.isLeft(r)) throw new UsageError([describeCommandError(r.left)])
    return `已发布考核办法 ${r.right.schemeId} 第 ${r.right.version} 版\n`
  } finally {
    await store.close()
  }
}
