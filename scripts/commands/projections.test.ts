import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'

const dir = mkdtempSync(join(tmpdir(), 'kaoping-projections-'))
const kaoping = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/kaoping.ts', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('kaoping ranking / diff / rebuild / publish-scheme on the imported demo city', () => {
  const demo = join(dir, 'demo.ndjson')
  const db = join(dir, 'k.db')
  const exported = join(dir, 'exported.ndjson')

  // One demo city for every case (a hook may take longer than a case on a busy machine).
  beforeAll(() => {
    expect(kaoping('seed', '--out', demo).code).toBe(0)
    expect(kaoping('import', demo, '--db', db).code).toBe(0)
    writeFileSync(exported, kaoping('export', '--db', db).stdout)
  })

  it.each(['json', 'table', 'csv'])(
    'prints the same ranking as replaying the export, byte for byte (%s)',
    (format) => {
      const ranking = kaoping(
        'ranking',
        '--scheme',
        'guangyuan-districts-2017',
        '--format',
        format,
        '--db',
        db
      )
      expect(ranking.code).toBe(0)
      const replay = kaoping(
        'replay',
        '--events',
        exported,
        '--scheme',
        'examples/schemes/districts-2017.json',
        '--format',
        format
      )
      expect(ranking.stdout).toBe(replay.stdout)
    }
  )

  it('answers as-of and diff from the read models', () => {
    const early = kaoping(
      'ranking',
      '--scheme',
      'guangyuan-districts-2017',
      '--as-of',
      '2017-03-31',
      '--db',
      db
    )
    expect(early).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('未找到考核办法 guangyuan-districts-2017'),
    })
    const mid = kaoping(
      'ranking',
      '--scheme',
      'guangyuan-districts-2017',
      '--as-of',
      '2017-06-30',
      '--format',
      'json',
      '--db',
      db
    )
    expect(JSON.parse(mid.stdout).asOf).toBe('2017-06-30T15:59:59.999Z')
    const d = kaoping(
      'diff',
      '--scheme',
      'guangyuan-districts-2017',
      '--from',
      '2017-06-30',
      '--to',
      '2017-12-31',
      '--format',
      'json',
      '--db',
      db
    )
    expect(d.code).toBe(0)
    expect(JSON.parse(d.stdout).units.length).toBeGreaterThan(0)
  })

  it('states instants in Beijing time in the ranking table and the diff table', () => {
    const table = kaoping('ranking', '--scheme', 'guangyuan-districts-2017', '--db', db).stdout
    expect(table.split('\n')[1]).toBe(
      '（guangyuan-districts-2017 第 1 版，截至北京时间 2018-02-28 10:05 的记录；“—”为不适用并已折算）'
    )
    const d = kaoping(
      'diff',
      '--scheme',
      'guangyuan-districts-2017',
      '--from',
      '2017-06-30',
      '--to',
      '2017-12-31',
      '--db',
      db
    )
    expect(d.code).toBe(0)
    expect(d.stdout.split('\n')[0]).toBe(
      'guangyuan-districts-2017 自 2017-06-30 24:00 至 2017-12-31 24:00 的变化（北京时间，按记录时间）'
    )
    expect(`${table}${d.stdout}`).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/)
  })

  it('refuses a file path as ranking --scheme, saying replay --scheme is the one that takes a file', () => {
    expect(kaoping('ranking', '--scheme', 'examples/schemes/districts-2017.json', '--db', db)).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        '--scheme examples/schemes/districts-2017.json 像是文件路径：ranking --scheme 取已发布的考核办法代码（如 guangyuan-districts-2017），replay --scheme 才取考核办法文件。',
        '要用这个文件计算，请运行 kaoping replay --events 事件文件.ndjson --scheme examples/schemes/districts-2017.json',
        '',
      ].join('\n'),
    })
  })

  it('lists the published scheme ids for an id that does not exist, with the nearest one', () => {
    expect(kaoping('ranking', '--scheme', 'guangyuan-district-2017', '--db', db)).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        '未找到考核办法 guangyuan-district-2017。您是不是想输入 guangyuan-districts-2017？',
        '已发布的考核办法：guangyuan-departments-2017、guangyuan-districts-2017',
        '',
      ].join('\n'),
    })
    expect(
      kaoping('diff', '--scheme', 'x', '--from', '2017-01-01', '--to', '2017-12-31', '--db', db).stderr
    ).toBe('未找到考核办法 x。\n已发布的考核办法：guangyuan-departments-2017、guangyuan-districts-2017\n')
  })

  it('publishes an amended scheme as the next version and recomputes rankings with a progress report', () => {
    const pub = kaoping('publish-scheme', 'examples/schemes/districts-2017.json', '--db', db)
    expect(pub).toMatchObject({
      code: 0,
      stdout:
        '已发布考核办法 guangyuan-districts-2017 第 2 版\n文件中的版本号为 1，该考核办法已有第 1 版，已按顺序编为第 2 版。\n',
    })
    const rebuilt = kaoping('rebuild', '--db', db)
    expect(rebuilt.code).toBe(0)
    expect(rebuilt.stdout).toMatch(/^已重算排名：\d+ 条事件，用时 \d+\.\d 秒（\d+ 条\/秒）\n$/)
    expect(rebuilt.stderr).toMatch(/^重算排名：\d+\/\d+，\d+ 条\/秒$/m)
    expect(`${rebuilt.stdout}${rebuilt.stderr}`).not.toContain('投影')
    const v = JSON.parse(
      kaoping('ranking', '--scheme', 'guangyuan-districts-2017', '--format', 'json', '--db', db).stdout
    )
    expect(v.version).toBe(2)
    const v1 = JSON.parse(
      kaoping(
        'ranking',
        '--scheme',
        'guangyuan-districts-2017',
        '--version',
        '1',
        '--format',
        'json',
        '--db',
        db
      ).stdout
    )
    expect(v1.version).toBe(1)
  })
})
