/** The command line's own answers: help, version, and a command it does not know. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { kaoping } from './lib/testing/run-kaoping'

const COMMANDS = [
  'seed',
  'template',
  'import',
  'publish-scheme',
  'ranking',
  'diff',
  'report',
  'replay',
  'export',
  'verify',
  'rebuild',
  'serve',
]

describe('kaoping help and version', () => {
  it('lists every command with its purpose for --help, -h and help, in Chinese', () => {
    const help = kaoping('--help')
    expect(help.code).toBe(0)
    expect(help.stderr).toBe('')
    const lines = help.stdout.split('\n')
    expect(lines[0]).toBe(
      'kaoping 考评 0.2.0 — 法治人社建设目标考核：由不可更改的事件记录计算各单位的得分、等次与排名'
    )
    expect(lines[2]).toBe('用法：kaoping <命令> [选项]')
    expect(lines.slice(5, 5 + COMMANDS.length).map((l) => l.trim().split(/\s+/)[0])).toEqual(COMMANDS)
    expect(help.stdout).toContain('  ranking         查询数据库中某一考核办法的排名（可回到过去某一时点）\n')
    expect(help.stdout).toContain('每个命令的说明：kaoping <命令> --help（或 kaoping help <命令>）\n')
    expect(kaoping('-h').stdout).toBe(help.stdout)
    expect(kaoping('help').stdout).toBe(help.stdout)
  })

  it('prints the version from package.json', () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8'))
    expect(kaoping('--version')).toEqual({ code: 0, stdout: `kaoping ${version}\n`, stderr: '' })
  })

  it('shows the overview on stderr and exits 2 when no command is given', () => {
    const r = kaoping()
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(kaoping('--help').stdout)
  })

  it.each(COMMANDS)('gives %s a help with its purpose, usage line, options and an example', (name) => {
    const r = kaoping(name, '--help')
    expect(r.code).toBe(0)
    const lines = r.stdout.split('\n')
    expect(lines[0]).toMatch(new RegExp(`^kaoping ${name} — \\S`))
    expect(lines[2]).toMatch(new RegExp(`^用法：kaoping ${name}( |$)`))
    expect(r.stdout).toContain('\n选项：\n')
    expect(r.stdout).toContain('  --help, -h')
    expect(r.stdout).toMatch(new RegExp(`\\n示例：\\n  kaoping ${name}`))
  })

  it('prints the rebuild help exactly, the same for `help rebuild` and for -h among other options', () => {
    const expected = [
      'kaoping rebuild — 按全部记录重算排名（升级 kaoping 或排名数据有疑问时），显示进度',
      '',
      '用法：kaoping rebuild [--db 文件.db]',
      '',
      '选项：',
      '  --db 文件.db  数据库文件（设置了 EVENTSTORE_URL 时只存放本机的排名数据）（默认 data/kaoping.db）',
      '  --help, -h    显示本说明',
      '',
      '重算期间仍可查询原有排名，算完后一次切换。',
      '',
      '示例：',
      '  kaoping rebuild --db data/kaoping.db',
      '      重算该数据库中所有考核办法的排名',
      '',
    ].join('\n')
    expect(kaoping('rebuild', '--help')).toEqual({ code: 0, stdout: expected, stderr: '' })
    expect(kaoping('help', 'rebuild').stdout).toBe(expected)
    expect(kaoping('rebuild', '--bogus', '-h').stdout).toBe(expected)
  })

  it('suggests the nearest command for a mistyped one and exits 2', () => {
    expect(kaoping('replya', '--events', 'x')).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        '未知命令 replya。您是不是想输入 kaoping replay？',
        `可用命令：${COMMANDS.join('、')}`,
        '所有命令的说明：kaoping --help',
        '',
      ].join('\n'),
    })
    expect(kaoping('rankign').stderr.split('\n')[0]).toBe(
      '未知命令 rankign。您是不是想输入 kaoping ranking？'
    )
    expect(kaoping('help', 'exprot').stderr.split('\n')[0]).toBe(
      '未知命令 exprot。您是不是想输入 kaoping export？'
    )
  })

  it('lists the commands without a guess when nothing is near (also for names every object has)', () => {
    expect(kaoping('constructor').stderr.split('\n')[0]).toBe('未知命令 constructor。')
    const r = kaoping('calculate')
    expect(r.code).toBe(2)
    expect(r.stderr.split('\n').slice(0, 2)).toEqual([
      '未知命令 calculate。',
      `可用命令：${COMMANDS.join('、')}`,
    ])
  })
})
