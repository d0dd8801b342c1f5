/** Argument mistakes, through the real command line: every problem in Chinese, a suggestion, the usage line, exit 2. */
import { describe, expect, it } from 'vitest'
import { kaoping } from './testing/run-kaoping'

const REPLAY_USAGE =
  '用法：kaoping replay --events 文件.ndjson --scheme 文件.json [--as-of 日期或时间] [--basis recorded|occurred] [--version N] [--format table|json|csv|xlsx] [--out 文件.xlsx]'
const RANKING_USAGE =
  '用法：kaoping ranking --scheme 办法代码 [--as-of 日期或时间] [--basis recorded|occurred] [--version N] [--format table|json|csv] [--db 文件.db]'

const usageError = (...problems: string[]) => ({ code: 2, stdout: '', stderr: `${problems.join('\n')}\n` })

describe('argument errors', () => {
  it('suggests the nearest option for a mistyped one, and does not also call it missing', () => {
    expect(kaoping('replay', '--evnets', 'a.ndjson', '--scheme', 's.json')).toEqual(
      usageError(
        '未知选项 --evnets。您是不是想输入 --events？',
        REPLAY_USAGE,
        '详细说明：kaoping replay --help'
      )
    )
  })

  it('lists the options when nothing is near, keeping the unknown option’s value to it', () => {
    expect(kaoping('export', '--colour', 'red')).toEqual(
      usageError(
        '未知选项 --colour。export 的选项有：--from、--out、--evidence、--db',
        '用法：kaoping export [--from 位置] [--out 文件.ndjson] [--evidence 目录] [--db 文件.db]',
        '详细说明：kaoping export --help'
      )
    )
  })

  it('says which option lacks its value, whether at the end or followed by another option', () => {
    expect(kaoping('ranking', '--scheme', '--format', 'json', '--db')).toEqual(
      usageError(
        '--scheme 缺少取值（办法代码）',
        '--db 缺少取值（文件.db）',
        RANKING_USAGE,
        '详细说明：kaoping ranking --help'
      )
    )
  })

  it('refuses a stray argument, suggesting the option it resembles', () => {
    expect(kaoping('ranking', 'scheme', 'guangyuan-districts-2017').stderr.split('\n').slice(0, 3)).toEqual([
      '多余的参数 scheme。您是不是想输入 --scheme？',
      '多余的参数 guangyuan-districts-2017：ranking 的取值都要跟在选项后面（如 --scheme …）',
      '缺少 --scheme 办法代码',
    ])
  })

  it('lists every missing option and every bad value at once', () => {
    expect(kaoping('replay', '--format', 'pdf', '--basis', 'today', '--version', '0')).toEqual(
      usageError(
        '缺少 --events 文件.ndjson',
        '缺少 --scheme 文件.json',
        '--basis 应为 recorded 或 occurred，实际为 today',
        '--version 应为正整数，实际为 0',
        '--format 应为 table、json、csv 或 xlsx，实际为 pdf',
        REPLAY_USAGE,
        '详细说明：kaoping replay --help'
      )
    )
  })

  it('checks --as-of, --from and --to as instants before anything is read (a bad --from is not "nothing yet")', () => {
    const expected = '应为日期（如 2017-06-30）或带时区的时间（如 2017-06-30T12:00:00+08:00）'
    expect(kaoping('diff', '--scheme', 'x', '--from', '2017-13-01', '--to', 'yesterday')).toEqual(
      usageError(
        `--from ${expected}，实际为 2017-13-01`,
        `--to ${expected}，实际为 yesterday`,
        '用法：kaoping diff --scheme 办法代码 --from 日期或时间 --to 日期或时间 [--format table|json] [--db 文件.db]',
        '详细说明：kaoping diff --help'
      )
    )
    expect(kaoping('ranking', '--scheme', 'x', '--as-of', '2017-02-30').stderr.split('\n')[0]).toBe(
      `--as-of ${expected}，实际为 2017-02-30`
    )
  })

  it('takes --option=value', () => {
    expect(kaoping('seed', '--seed=x1').stderr.split('\n')[0]).toBe('--seed 应为整数，实际为 x1')
  })

  it('asks for the one file publish-scheme publishes, and refuses a second', () => {
    expect(kaoping('publish-scheme').stderr.split('\n')[0]).toBe('缺少考核办法文件（文件.json）')
    expect(kaoping('publish-scheme', 'a.json', 'b.json').stderr.split('\n')[0]).toBe(
      '多余的参数 b.json：一次只能指定一个考核办法文件'
    )
  })

  it('translates the import and serve commands’ argument errors too', () => {
    expect(kaoping('import', 'x.ndjson', '--bd', 'k.db')).toEqual(
      usageError(
        '未知选项 --bd。您是不是想输入 --db？',
        '用法：kaoping import 文件.ndjson|文件.xlsx|文件.csv [--db data/kaoping.db] [--role admin|reporter|reviewer --unit 单位 --name 姓名] [--evidence 目录]'
      )
    )
    expect(kaoping('serve', '--prot', '8080').stderr.split('\n')[0]).toBe(
      '未知选项 --prot。您是不是想输入 --port？'
    )
    expect(kaoping('serve', '--colour').stderr.split('\n')[0]).toBe(
      '未知选项 --colour。serve 的选项有：--port、--db'
    )
  })
})
