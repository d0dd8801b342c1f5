/** Reading the files a clerk names, through `kaoping replay`: what is wrong is said in Chinese, with file and line. */
import { describe, expect, it } from 'vitest'
import { kaoping, scratch } from './testing/run-kaoping'

const SCHEME = 'examples/schemes/districts-2017.json'
const { file, path } = scratch('inputs')
const good = JSON.stringify({
  id: '00000000-0000-4000-8000-000000000001',
  type: 'UnitRegistered',
  data: { unitId: 'lizhou', name: '利州区', kind: 'district' },
  recordedAt: '2017-01-01T00:00:00Z',
})
const failed = (...lines: string[]) => ({ code: 2, stdout: '', stderr: `${lines.join('\n')}\n` })

describe('input files', () => {
  it('says 找不到文件 for each file that is not there, without ENOENT or a stack', () => {
    expect(kaoping('replay', '--events', path('nope.ndjson'), '--scheme', path('nope.json'))).toEqual(
      failed(`找不到文件 ${path('nope.json')}`, `找不到文件 ${path('nope.ndjson')}`)
    )
  })

  it('places a JSON syntax error of a scheme file by line and column', () => {
    const comma = file('comma.json', '{\n  "schemeId": "x",\n}\n')
    const cut = file('cut.json', '{\n  "schemeId": "x"\n')
    const events = file('one.ndjson', good)
    expect(kaoping('replay', '--events', events, '--scheme', comma)).toEqual(
      failed('comma.json 第 3 行第 1 列：不是有效的 JSON，此处不应出现“}”')
    )
    expect(kaoping('replay', '--events', events, '--scheme', cut)).toEqual(
      failed('cut.json 第 2 行第 18 列：不是有效的 JSON，此处意外结束，是否缺少 }、] 或 "？')
    )
  })

  it('names each bad line of an event file with only a few of them, in Chinese', () => {
    const few = file('few.ndjson', [good, 'xyz', '[1,]', ''].join('\n'))
    expect(kaoping('replay', '--events', few, '--scheme', SCHEME)).toEqual(
      failed(
        'few.ndjson:2: 不是有效的 JSON，第 1 个字符处不应出现“x”',
        'few.ndjson:3: 不是有效的 JSON，第 4 个字符处不应出现“]”'
      )
    )
  })

  it('sums up a file that is not NDJSON at all (a binary) in one line, with thousands separated', () => {
    const binary = file('export.ndjson', Buffer.from('\x00\x01PK\x03\x04垃圾\n'.repeat(9094), 'latin1'))
    expect(kaoping('replay', '--events', binary, '--scheme', SCHEME)).toEqual(
      failed(
        'export.ndjson 不是 NDJSON 事件文件：第 1 行起 9,094 行无法解析',
        '事件文件每行是一条 JSON 事件（如 kaoping export 的输出）；XLSX、CSV 表格请用 kaoping import 导入。'
      )
    )
  })

  it('sums up a CSV given as --events once more than 20 lines and more than half the file cannot be read', () => {
    const csv = file('events.csv', `类型,单位代码\n${'TrainingHeld,lizhou\n'.repeat(20)}`)
    expect(kaoping('replay', '--events', csv, '--scheme', SCHEME).stderr.split('\n')[0]).toBe(
      'events.csv 不是 NDJSON 事件文件：第 1 行起 21 行无法解析'
    )
  })

  it('keeps per-line messages for 21 bad lines among 43 (not more than half the file)', () => {
    const lines = [...Array.from({ length: 22 }, () => good), ...Array.from({ length: 21 }, () => 'oops')]
    const r = kaoping('replay', '--events', file('half.ndjson', lines.join('\n')), '--scheme', SCHEME)
    const stderr = r.stderr.trim().split('\n')
    expect(stderr).toHaveLength(21)
    expect(stderr[0]).toBe('half.ndjson:23: 不是有效的 JSON，第 1 个字符处不应出现“o”')
    expect(stderr[20]).toBe('half.ndjson:43: 不是有效的 JSON，第 1 个字符处不应出现“o”')
  })
})
