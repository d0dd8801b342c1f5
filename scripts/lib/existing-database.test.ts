/** Commands that only read refuse a database file that is not there, instead of creating an empty one. */
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { kaoping, scratch } from './testing/run-kaoping'

const { path } = scratch('no-db')

describe('a --db that does not exist', () => {
  it.each([
    ['ranking', '--scheme', 'guangyuan-districts-2017'],
    ['diff', '--scheme', 'guangyuan-districts-2017', '--from', '2017-06-30', '--to', '2017-12-31'],
    ['export'],
    ['report', '--scheme', 'guangyuan-districts-2017', '--out', 'never.xlsx'],
    ['rebuild'],
  ])('is refused by %s, which creates nothing', (command, ...args) => {
    const db = path(`${command}.db`)
    expect(kaoping(command, ...args, '--db', db)).toEqual({
      code: 2,
      stdout: '',
      stderr: `数据库文件 ${db} 不存在\n请用 --db 指定已有的数据库文件，或先用 kaoping import 导入事件。\n`,
    })
    expect(existsSync(db)).toBe(false)
  })
})
