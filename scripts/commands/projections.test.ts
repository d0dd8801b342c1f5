import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

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

  it('prints the same ranking as replaying the export, byte for byte', () => {
    kaoping('seed', '--out', demo)
    expect(kaoping('import', demo, '--db', db).code).toBe(0)
    for (const format of ['json', 'table', 'csv']) {
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
      const out = kaoping('export', '--db', db).stdout
      writeFileSync(exported, out)
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
  })

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

  it('publishes an amended scheme as the next version and rebuilds with a progress report', () => {
    const pub = kaoping('publish-scheme', 'examples/schemes/districts-2017.json', '--db', db)
    expect(pub).toMatchObject({ code: 0, stdout: '已发布考核办法 guangyuan-districts-2017 第 2 版\n' })
    const rebuilt = kaoping('rebuild', '--db', db)
    expect(rebuilt.code).toBe(0)
    expect(rebuilt.stdout).toMatch(/^已重建投影：\d+ 条事件/)
    expect(rebuilt.stderr).toMatch(/重建投影：\d+\/\d+，\d+ 条\/秒/)
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
