/** @module `kaoping publish-scheme`: options, usage and help. */
import { defineCommand } from '../command-spec'
import { DB_OPTION } from './common'

export const PUBLISH_SCHEME = defineCommand({
  name: 'publish-scheme',
  summary: '发布考核办法；同一办法代码已发布过时，作为下一版发布',
  positional: { value: '文件.json', description: '考核办法文件' },
  options: { db: DB_OPTION },
  notes: [
    '文件中的版本号只作参考：发布时总是编为该办法的下一版，改了编号会提示。',
    '某类别的指标满分合计不等于类别满分时会提示（仍发布，计分时按比例折算）。',
  ],
  examples: [
    {
      command: 'kaoping publish-scheme examples/schemes/districts-2017.json',
      note: '发布 2017 年度县区考核办法',
    },
  ],
})
