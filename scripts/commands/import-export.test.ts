import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const dir = mkdtempSync(join(tmpdir(), 'kaoping-import-'))
const kaoping = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/kaoping.ts', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}
const fields = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((l) => {
      const { id, type, data, recordedAt, actor } = JSON.parse(l)
      return JSON.stringify({ id, type, data, recordedAt, actor })
    })

describe('kaoping import / export', () => {
  const demo = join(dir, 'demo.ndjson')
  const db = join(dir, 'k.db')

  it('round-trips the demo city byte for byte (ids, types, data, recordedAt, actor), and a second import adds nothing', () => {
    expect(kaoping('seed', '--out', demo).code).toBe(0)
    const first = kaoping('import', demo, '--db', db)
    expect(first).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^已导入 \d+ 条事件，跳过已存在的 0 条/),
    })
    const again = kaoping('import', demo, '--db', db)
    expect(again.stdout).toMatch(/^已导入 0 条事件，跳过已存在的 \d+ 条/)
    const out = kaoping('export', '--db', db)
    expect(out.code).toBe(0)
    expect(fields(out.stdout)).toEqual(fields(readFileSync(demo, 'utf8')))
    // Full metadata on export: stream, revision and position.
    expect(JSON.parse(out.stdout.split('\n')[0]!)).toMatchObject({
      stream: 'units',
      revision: '0',
      position: '1',
      schemaVersion: 1,
    })
  })

  it('exports from --from on, that position included, as the API’s export does', () => {
    const all = kaoping('export', '--db', db).stdout.trim().split('\n')
    const tail = kaoping('export', '--db', db, '--from', '5000').stdout.trim().split('\n')
    expect(JSON.parse(tail[0]!).position).toBe('5000')
    expect(tail).toEqual(all.slice(4999))
    expect(kaoping('export', '--db', db, '--from', '0').stdout.trim().split('\n')).toEqual(all)
  })

  it('writes the export to --out and says how many events it wrote', () => {
    const out = join(dir, 'tail.ndjson')
    // The last two events of the demo city, whatever its length.
    const from = String(kaoping('export', '--db', db).stdout.trim().split('\n').length - 1)
    expect(kaoping('export', '--db', db, '--from', from, '--out', out)).toEqual({
      code: 0,
      stdout: `已导出 2 条事件：${out}\n`,
      stderr: '',
    })
    expect(readFileSync(out, 'utf8')).toBe(kaoping('export', '--db', db, '--from', from).stdout)
    const nowhere = join(dir, 'no', 'such', 'x.ndjson')
    expect(kaoping('export', '--db', db, '--out', nowhere)).toEqual({
      code: 2,
      stdout: '',
      stderr: `无法写入 ${nowhere}：所在的文件夹不存在\n`,
    })
  })

  it('stops at a bad line before storing anything, naming the line and field', () => {
    const other = join(dir, 'other.db')
    const lines = readFileSync(demo, 'utf8').trim().split('\n')
    lines[99] = lines[99]!.replace(/"occurredOn":"2017-(\d\d)-\d\d"/, '"occurredOn":"2017-02-30"')
    const bad = join(dir, 'bad.ndjson')
    writeFileSync(bad, lines.join('\n'))
    const r = kaoping('import', bad, '--db', other)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      'bad.ndjson:100 data.occurredOn: 应为有效日期（YYYY-MM-DD），实际为 "2017-02-30"'
    )
    expect(kaoping('export', '--db', other).stdout).toBe('')
  })

  it('refuses a file that is not a kaoping database with a clear message', () => {
    const foreign = join(dir, 'foreign.db')
    writeFileSync(
      foreign,
      'this is not sqlite at all, just some text that is long enough to look like a header......'
    )
    const r = kaoping('export', '--db', foreign)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('不是有效的 SQLite 数据库或已损坏')
  })
})
