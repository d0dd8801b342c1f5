import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { caseWith, training, unitRegistered, veto } from '../../packages/core/src/testing/facts'
import { logBuilder } from '../../packages/core/src/testing/log-builder'

const dir = mkdtempSync(join(tmpdir(), 'kaoping-replay-'))
const file = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}
const kaoping = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/kaoping.ts', ...args], {
    encoding: 'utf8',
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const scheme = file(
  'scheme.json',
  JSON.stringify({
    schemeId: 'guangyuan-districts-2017',
    version: 1,
    title: '2017年度法治人社建设目标考核办法',
    appliesTo: 'district',
    period: { from: '2017-01-01', to: '2017-12-31' },
    categories: [
      {
        id: 'E',
        name: '行政复议与应诉',
        max: 6,
        indicators: [
          {
            id: 'E1',
            name: '负责人出庭应诉率',
            max: 6,
            metric: {
              ratio: [{ count: 'HearingHeld', where: { leaderAppeared: true } }, { count: 'HearingHeld' }],
            },
            scoring: {
              kind: 'bands',
              bands: [
                { gte: 1, points: 6 },
                { gte: 0.9, points: 4 },
              ],
            },
            whenUndefined: 'full',
          },
        ],
      },
    ],
    rules: [
      {
        id: 'veto',
        kind: 'veto',
        name: '一票否决',
        when: { metric: { count: 'VetoIncidentRecorded' }, gte: 1 },
      },
    ],
    grades: [
      { name: '合格', min: 5 },
      { name: '不合格', min: 0 },
    ],
  })
)
const log = logBuilder().add(
  unitRegistered('jiange', '剑阁县'),
  unitRegistered('wangcang', '旺苍县'),
  unitRegistered('chaotian', '朝天区'),
  ...Array.from({ length: 9 }, () =>
    caseWith('wangcang', 'administrative_litigation', { hearings: [true] })
  ).flat(),
  ...caseWith('wangcang', 'administrative_litigation', { hearings: [false] }),
  veto('chaotian')
)
const events = file('events.ndjson', log.text())
const REPLAY_USAGE =
  '用法：kaoping replay --events 文件.ndjson --scheme 文件.json [--as-of 日期或时间] [--basis recorded|occurred] [--version N] [--format table|json|csv|xlsx] [--out 文件.xlsx]'

describe('kaoping replay', () => {
  it('prints the ranking as a Chinese table', () => {
    const r = kaoping('replay', '--events', events, '--scheme', scheme)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('2017年度法治人社建设目标考核办法')
    expect(r.stdout).toMatch(/1\s+│ 剑阁县\s+│ 6\.00/)
    expect(r.stdout).toMatch(/2\s+│ 旺苍县\s+│ 4\.00/)
    expect(r.stdout).toContain('一票否决')
  })

  it('states the instant in Beijing time, a bare date as that day’s 24:00, never as UTC ISO', () => {
    const heading = (...asOf: string[]) =>
      kaoping('replay', '--events', events, '--scheme', scheme, ...asOf).stdout.split('\n')[1]
    expect(heading('--as-of', '2017-06-30')).toBe(
      '（guangyuan-districts-2017 第 1 版，截至北京时间 2017-06-30 24:00 的记录；“—”为不适用并已折算）'
    )
    expect(heading('--as-of', '2017-01-01T00:10:30Z')).toBe(
      '（guangyuan-districts-2017 第 1 版，截至北京时间 2017-01-01 08:10:30 的记录；“—”为不适用并已折算）'
    )
    expect(heading('--as-of', '2017-03-01T09:16:00Z', '--basis', 'occurred')).toBe(
      '（guangyuan-districts-2017 第 1 版，截至北京时间 2017-03-01 24:00 发生的事项；“—”为不适用并已折算）'
    )
  })

  it('says a workbook cannot be written into a folder that does not exist', () => {
    const out = join(dir, 'no', 'such', 'ranking.xlsx')
    expect(
      kaoping('replay', '--events', events, '--scheme', scheme, '--format', 'xlsx', '--out', out)
    ).toEqual({ code: 2, stdout: '', stderr: `无法写入 ${out}：所在的文件夹不存在\n` })
  })

  it('prints only the Result JSON with --format json, byte-identical on every run', () => {
    const a = kaoping('replay', '--events', events, '--scheme', scheme, '--format', 'json')
    const b = kaoping('replay', '--events', events, '--scheme', scheme, '--format', 'json')
    expect(a.code).toBe(0)
    expect(a.stdout).toBe(b.stdout)
    const result = JSON.parse(a.stdout)
    expect(
      result.units.map((u: { unitId: string; rank: number; total: string }) => [u.unitId, u.rank, u.total])
    ).toEqual([
      ['jiange', 1, '6.00'],
      ['wangcang', 2, '4.00'],
      ['chaotian', 3, '6.00'],
    ])
  })

  it('prints CSV with Chinese headers after a UTF-8 BOM, so Excel on Chinese Windows reads it as UTF-8', () => {
    const r = kaoping('replay', '--events', events, '--scheme', scheme, '--format', 'csv')
    expect(r.stdout.split('\r\n')[0]).toBe(
      '\uFEFF名次,单位代码,单位名称,总分,等次,一票否决,计0分,行政复议与应诉,调整分,触发规则'
    )
    expect(r.stdout.split('\r\n')[3]).toBe('3,chaotian,朝天区,6.00,不合格,是,否,6.00,0.00,veto')
  })

  it('exits 2 listing every bad line of the event file and prints no ranking', () => {
    const bad = log.text().split('\n')
    bad[4] = bad[4]!.replace('"leaderAppeared":true', '"leaderAppeared":"yes"')
    bad.push(
      JSON.stringify({
        id: 'not-a-uuid',
        type: 'TrainingHeld',
        data: training('jiange', 'lecture', { attendees: -3 }).data,
        recordedAt: '2017-13-01T00:00:00Z',
      })
    )
    const r = kaoping('replay', '--events', file('bad.ndjson', bad.join('\n')), '--scheme', scheme)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim().split('\n')).toEqual([
      'bad.ndjson:5 data.leaderAppeared: 应为布尔值（true/false），实际为 "yes"',
      `bad.ndjson:${bad.length} id: 应为UUID，实际为 "not-a-uuid"`,
      `bad.ndjson:${bad.length} recordedAt: 应为带时区的 ISO-8601 时间（如 2017-03-01T08:00:00Z），实际为 "2017-13-01T00:00:00Z"`,
      `bad.ndjson:${bad.length} data.attendees: 应为非负整数，实际为 -3`,
    ])
  })

  it('exits 2 naming the path of a scheme problem', () => {
    const r = kaoping(
      'replay',
      '--events',
      events,
      '--scheme',
      file('bad-scheme.json', '{"schemeId":"x","version":1}')
    )
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('bad-scheme.json title: 缺少必填字段')
    expect(r.stderr).toContain('bad-scheme.json categories: 缺少必填字段')
  })

  it('exits 2 on a bad option value', () => {
    const r = kaoping('replay', '--events', events, '--scheme', scheme, '--format', 'pdf')
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--format 应为 table、json、csv 或 xlsx，实际为 pdf')
    expect(kaoping('replay', '--events', events, '--scheme', scheme, '--format', 'xlsx').stderr).toBe(
      `--format xlsx 需要 --out 文件.xlsx\n${REPLAY_USAGE}\n详细说明：kaoping replay --help\n`
    )
  })
})
