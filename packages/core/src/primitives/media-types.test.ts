import { describe, expect, it } from 'vitest'
import { nameFitsType, savedName } from './media-types'

const PNG = 'image/png'
const JPEG = 'image/jpeg'

describe('an evidence file’s name and its content', () => {
  it('takes a name with no extension or one of its type’s, in any case', () => {
    expect([
      nameFitsType('签到表', PNG),
      nameFitsType('签到表.PNG', PNG),
      nameFitsType('scan.jpeg', JPEG),
    ]).toEqual([true, true, true])
  })
  it('refuses a name that says another kind of file, a program above all', () => {
    expect([
      nameFitsType('签到表.hta', PNG),
      nameFitsType('报告.pdf', PNG),
      nameFitsType('a.png.exe', PNG),
    ]).toEqual([false, false, false])
  })
  it('saves a file under its name with the extension of what it is', () => {
    expect([
      savedName('签到表.hta', PNG),
      savedName('报告', 'application/pdf'),
      savedName('scan.JPG', JPEG),
      savedName('a.png.exe', PNG),
      savedName('导出.csv', 'text/csv'),
    ]).toEqual(['签到表.png', '报告.pdf', 'scan.JPG', 'a.png.png', '导出.csv'])
  })
})
