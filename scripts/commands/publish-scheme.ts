/**
 * @module `kaoping publish-scheme FILE.json [--db PATH]`: publishes a scheme; a new version when its schemeId exists.
 * The store numbers versions itself, so a file's version is a hint: when it differs, the person is told.
 */
import { randomUUID } from 'node:crypto'
import { describeCommandError, publishScheme as publish } from '@kaoping/app'
import * as E from 'fp-ts/Either'
import { parseCommand } from '../lib/args'
import { categoryMaximaWarnings } from '../lib/category-maxima'
import { UsageError } from '../lib/cli-error'
import { readSchemeJson } from '../lib/inputs'
import { openStore } from '../lib/open-store'
import { PUBLISH_SCHEME } from '../lib/specs/publish-scheme'

export const publishScheme = async (argv: ReadonlyArray<string>): Promise<string> => {
  const { values, positionals } = parseCommand(PUBLISH_SCHEME, argv)
  const schemes = readSchemeJson(positionals[0]!)
  if (schemes.length > 1)
    throw new UsageError([`${positionals[0]} 含 ${schemes.length} 个版本；一次只能发布一个考核办法`])
  const { scheme, json } = schemes[0]!
  const store = openStore(values.db)
  try {
    const r = await publish(store, json, {
      principal: { role: 'admin', name: 'cli' },
      newId: randomUUID,
    })
    if (E.isLeft(r)) throw new UsageError([describeCommandError(r.left)])
    // Warnings go to stderr: the scheme is published all the same, and stdout stays the one-line answer.
    for (const w of categoryMaximaWarnings(scheme)) process.stderr.write(`${w}\n`)
    const renumbered =
      r.right.version === scheme.version
        ? []
        : [
            `文件中的版本号为 ${scheme.version}，${r.right.version === 1 ? '该考核办法此前未发布，' : `该考核办法已有第 ${r.right.version - 1} 版，`}已按顺序编为第 ${r.right.version} 版。`,
          ]
    return [`已发布考核办法 ${r.right.schemeId} 第 ${r.right.version} 版`, ...renumbered, ''].join('\n')
  } finally {
    await store.close()
  }
}
