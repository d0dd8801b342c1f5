import ExcelJS from 'exceljs'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { formatSheetIssue } from './issue'
import { readEventCsv } from './read-csv'
import { readEventWorkbook } from './read-workbook'
import { templateWorkbook } from './template'

const PLAN = 'a'.repeat(64)
const SIGN_IN = 'b'.repeat(64)
const PROVIDED = new Map([
  ['实施方案.pdf', PLAN],
  ['签到表.png', SIGN_IN],
])
const CSV_HEAD = '类型,单位代码,发生日期,活动编号,类别,主题,参加人数,佐证材料\r\n'

describe('the 佐证材料 column', () => {
  it('turns the file names of a cell (；, ; or line breaks) into evidence references to the files provided', () => {
    const csv = `${CSV_HEAD}TrainingHeld,lizhou,2017-03-01,s-1,lecture,宪法,30,"实施方案.pdf；签到表.png"\r\n`
    const read = readEventCsv(csv, PROVIDED)
    expect(E.isRight(read) && read.right[0]!.envelope.data.evidence).toEqual([
      { sha256: PLAN, name: '实施方案.pdf' },
      { sha256: SIGN_IN, name: '签到表.png' },
    ])
  })

  it('places a name with no file provided on its cell', () => {
    const csv = `${CSV_HEAD}TrainingHeld,lizhou,2017-03-01,s-1,lecture,宪法,30,"实施方案.pdf;照片.jpg"\r\n`
    const read = readEventCsv(csv, PROVIDED)
    expect(E.isLeft(read) && read.left.map(formatSheetIssue)).toEqual([
      'CSV!H2（佐证材料）：佐证材料 照片.jpg 未随表格提供（同名文件须放在 kaoping import 的 --evidence 目录中一起导入；网页上传表格暂不能附带文件，请改用接口上传后在事件中引用）',
    ])
  })

  it('is written by the template as the names and read back to the same references', async () => {
    const training = {
      type: 'TrainingHeld',
      data: {
        unitId: 'lizhou',
        occurredOn: '2017-03-01',
        sessionId: 's-1',
        kind: 'lecture',
        topic: '宪法',
        attendees: 30,
        evidence: [{ sha256: SIGN_IN, name: '签到表.png' }],
      },
    }
    const bytes = await templateWorkbook([training])
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer)
    const ws = wb.getWorksheet('学法、培训、考试')!
    const headers = (ws.getRow(1).values as unknown[]).slice(1)
    expect(ws.getRow(2).getCell(headers.indexOf('佐证材料') + 1).value).toBe('签到表.png')
    const read = await readEventWorkbook(bytes, PROVIDED)
    expect(E.isRight(read) && read.right[0]!.envelope.data.evidence).toEqual(training.data.evidence)
  })
})
