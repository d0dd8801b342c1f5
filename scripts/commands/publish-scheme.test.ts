/** `kaoping publish-scheme`: says when it renumbers the file's version, warns on category maxima, still publishes. */
import { describe, expect, it } from 'vitest'
import { kaoping, scratch } from '../lib/testing/run-kaoping'

const { file, path } = scratch('publish')

const scheme = (version: number, indicatorMaxima: ReadonlyArray<number>) =>
  JSON.stringify({
    schemeId: 'lizhou-2017',
    version,
    title: '2017年度考核办法',
    appliesTo: 'district',
    period: { from: '2017-01-01', to: '2017-12-31' },
    categories: [
      {
        id: 'A',
        name: '学法用法',
        max: 10,
        indicators: indicatorMaxima.map((max, i) => ({
          id: `A${i + 1}`,
          name: `学法第${i + 1}项`,
          max,
          metric: { count: 'TrainingHeld' },
          scoring: { kind: 'linear', target: 4 },
        })),
      },
    ],
    grades: [{ name: '合格', min: 0 }],
  })

describe('kaoping publish-scheme', () => {
  const db = path('k.db')

  it('publishes a first version without comment when the file says version 1', () => {
    expect(kaoping('publish-scheme', file('v1.json', scheme(1, [6, 4])), '--db', db)).toEqual({
      code: 0,
      stdout: '已发布考核办法 lizhou-2017 第 1 版\n',
      stderr: '',
    })
  })

  it('says that the version in the file was renumbered to the next version', () => {
    expect(kaoping('publish-scheme', file('again.json', scheme(1, [6, 4])), '--db', db)).toEqual({
      code: 0,
      stdout:
        '已发布考核办法 lizhou-2017 第 2 版\n文件中的版本号为 1，该考核办法已有第 1 版，已按顺序编为第 2 版。\n',
      stderr: '',
    })
  })

  it('says so for a first publication whose file claims a later version', () => {
    expect(kaoping('publish-scheme', file('v5.json', scheme(5, [6, 4])), '--db', path('other.db'))).toEqual({
      code: 0,
      stdout:
        '已发布考核办法 lizhou-2017 第 1 版\n文件中的版本号为 5，该考核办法此前未发布，已按顺序编为第 1 版。\n',
      stderr: '',
    })
  })

  it('warns on stderr when a category’s indicator maxima do not add up to its max, and publishes anyway', () => {
    const r = kaoping('publish-scheme', file('typo.json', scheme(3, [6, 2.5])), '--db', db)
    expect(r).toEqual({
      code: 0,
      stdout: '已发布考核办法 lizhou-2017 第 3 版\n',
      stderr: '注意：类别 A（学法用法）的指标满分合计为 8.5，与类别满分 10 不符；计分时将按 10/8.5 折算。\n',
    })
  })

  it('publishes the departments scheme, whose unit-specific indicators add up per unit, without a warning', () => {
    const r = kaoping('publish-scheme', 'examples/schemes/departments-2017.json', '--db', db)
    expect(r).toEqual({ code: 0, stdout: '已发布考核办法 guangyuan-departments-2017 第 1 版\n', stderr: '' })
  })
})
