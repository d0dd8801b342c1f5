/**
 * Hostile spreadsheets (the hostile review of the import): each is refused as a whole with one problem that says
 * why, before the work it would cost. The files are made here (testing/hostile-files.ts), none is committed.
 */
import ExcelJS from 'exceljs'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { formatSheetIssue, type SheetIssue } from './issue'
import { MAX_COLUMNS, MAX_ROWS, MAX_UNCOMPRESSED_BYTES } from './limits'
import { readEventCsv } from './read-csv'
import { readEventWorkbook } from './read-workbook'
import type { SheetEvent } from './rows'
import { templateWorkbook } from './template'
import { BOMBED, paddedEntry, rawEntries, withDeclaredSize, zipBomb, zipOf } from './testing/hostile-files'

const MIB = 1024 * 1024

const TRAINING = {
  type: 'TrainingHeld',
  data: {
    unitId: 'lizhou',
    occurredOn: '2017-03-01',
    sessionId: 's-1',
    kind: 'lecture',
    topic: '学习宪法',
    attendees: 20,
  },
}

/** The problems of a refused read, as people read them. */
const problems = (read: E.Either<SheetIssue[], SheetEvent[]>) =>
  E.isLeft(read) ? read.left.map(formatSheetIssue) : `read ${read.right.length} events`

const edited = async (edit: (wb: ExcelJS.Workbook) => void, events = [TRAINING]) => {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(await templateWorkbook(events)) as unknown as ExcelJS.Buffer)
  edit(wb)
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

describe('an XLSX zip bomb', () => {
  it('given the test’s ZIP writer, a template rewritten by it and padded to 512 KiB of spaces still reads (the bombs below are real XLSX files)', async () => {
    const padded = await zipBomb(await templateWorkbook([TRAINING]), 512 * 1024)
    expect(padded.length).toBeLessThan(100 * 1024)
    const read = await readEventWorkbook(padded)
    expect(E.map((xs: SheetEvent[]) => xs.map((x) => x.envelope.type))(read)).toEqual(
      E.right(['TrainingHeld'])
    )
  })

  it('when a sheet declares 64 MiB in a ≈ 65 KB entry, refuses it by its declared size and ratio, before inflating', async () => {
    // 64 MiB = 67,108,864 bytes of a template sheet padded with spaces: ≈ 1,000:1, as the review's 400 MB one.
    const bomb = await zipBomb(await templateWorkbook([TRAINING]), 64 * MIB)
    expect(bomb.length).toBeLessThan(200 * 1024)
    const read = await readEventWorkbook(bomb)
    expect(problems(read)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^（文件）：XLSX 压缩包中的 ${BOMBED} 声明解压后为 67108864 字节，压缩后仅 \\d+ 字节（压缩比超过 100:1），疑为压缩炸弹，未解压即拒绝$`
        )
      ),
    ])
  })

  it('when its entries declare more than 16 MiB in all (17 images of 1 MiB each, none a bomb), refuses the total before inflating', async () => {
    const template = rawEntries(await templateWorkbook())
    const images = await Promise.all(
      Array.from({ length: 17 }, (_, i) => paddedEntry(`xl/media/image${i + 1}.png`, '', MIB, ''))
    )
    const own = template.reduce((n, e) => n + e.size, 0)
    // 17 × 1,048,576 = 17,825,792 > 16 × 1,048,576 = 16,777,216, whatever the template's own bytes.
    expect(17 * MIB).toBe(17_825_792)
    expect(MAX_UNCOMPRESSED_BYTES).toBe(16_777_216)
    const read = await readEventWorkbook(zipOf([...template, ...images]))
    expect(problems(read)).toEqual([
      `（文件）：XLSX 文件声明解压后共 ${17_825_792 + own} 字节，超过 16 MiB 的上限，未解压即拒绝；请删去多余的工作表和行，或分成几个文件导入`,
    ])
  })

  it('when the directory understates an entry (4,096 bytes declared, 64 MiB inside), stops inflating it at the declared size and refuses it', async () => {
    const liar = withDeclaredSize(await zipBomb(await templateWorkbook(), 64 * MIB), BOMBED, 4096)
    const read = await readEventWorkbook(liar)
    expect(problems(read)).toEqual([
      `（文件）：XLSX 压缩包中的 ${BOMBED} 解压后超过其声明的 4096 字节，文件已损坏或被篡改`,
    ])
  })

  it('when the archive has more than 1,000 entries (the template’s 44 and 957 empty ones), refuses it', async () => {
    const template = rawEntries(await templateWorkbook())
    expect(template).toHaveLength(44)
    const empty = Array.from({ length: 957 }, (_, i) => ({
      name: `customXml/item${i}.xml`,
      method: 0 as const,
      crc32: 0,
      data: new Uint8Array(),
      size: 0,
    }))
    expect(problems(await readEventWorkbook(zipOf([...template, ...empty])))).toEqual([
      '（文件）：XLSX 压缩包有 1001 个条目，超过 1000 个的上限',
    ])
  })

  it('when the bytes are no ZIP archive at all, says it is not an XLSX file', async () => {
    const read = await readEventWorkbook(new TextEncoder().encode('类型,单位代码\n'))
    expect(problems(read)).toEqual(['（文件）：不是有效的 XLSX 文件：不是 ZIP 压缩包（找不到目录）'])
  })
})

describe('an XLSX sheet’s width and length', () => {
  it('when row 1 runs to column XFD (16,384), refuses that sheet, naming it', async () => {
    const wide = await edited((wb) => {
      wb.getWorksheet('学法、培训、考试')!.getCell('XFD1').value = '备注'
    })
    expect(problems(await readEventWorkbook(wide))).toEqual([
      `学法、培训、考试：第 1 行有 16384 列，超过 ${MAX_COLUMNS} 列的上限`,
    ])
  })

  it('when a row’s only value lies beyond the header, skips it as blank; a value beyond the header of a filled row is ignored', async () => {
    const bytes = await edited((wb) => {
      const ws = wb.getWorksheet('学法、培训、考试')!
      ws.getCell('XFD2').value = '页边的备注'
      ws.getCell('XFD3').value = '只有备注的行'
    })
    const read = await readEventWorkbook(bytes)
    expect(E.map((xs: SheetEvent[]) => xs.map((x) => [x.row, x.envelope.data.sessionId]))(read)).toEqual(
      E.right([[2, 's-1']])
    )
  })

  it('when the event sheets hold 50,001 rows, refuses the file before decoding any', async () => {
    const bytes = await edited((wb) => {
      const ws = wb.getWorksheet('学法、培训、考试')!
      for (let r = 3; r <= MAX_ROWS + 2; r++) ws.getCell(`B${r}`).value = 'lizhou'
    })
    expect(problems(await readEventWorkbook(bytes))).toEqual([
      '（文件）：数据超过 50000 行的上限；请分成几个文件导入',
    ])
  })
})

describe('a hostile CSV', () => {
  const HEADER = '类型,单位代码,发生日期,活动编号,类别,主题,参加人数'
  const row = (n: number) => `TrainingHeld,lizhou,2017-03-01,s-${n},lecture,宪法,30`

  it('when the header is 类型 and 1,000,000 empty columns over 1,000 valid rows (the review’s 1.07 MB file), refuses it at the header', () => {
    const csv = `类型${','.repeat(1_000_000)}\n${Array.from({ length: 1000 }, (_, i) => row(i)).join('\n')}\n`
    expect(problems(readEventCsv(csv))).toEqual(['CSV：第 1 行超过 256 列的上限'])
  })

  it('when one row has 257 cells under a narrower header, refuses the file at that row', () => {
    const csv = `${HEADER}\n${row(1)}\n${row(2)}${','.repeat(257 - 7)}\n`
    expect(problems(readEventCsv(csv))).toEqual(['CSV：第 3 行超过 256 列的上限'])
  })

  it('counts columns as the CSV parser reads them: commas inside quotes are text; a lone \\r in a file of \\n lines is too', () => {
    const quoted = `${HEADER}\nTrainingHeld,lizhou,2017-03-01,s-1,lecture,"${','.repeat(300)}",30\n`
    expect(E.map((xs: SheetEvent[]) => xs.map((x) => x.envelope.data.topic))(readEventCsv(quoted))).toEqual(
      E.right([','.repeat(300)])
    )
    // One record of 1 + 300 × 2 = 601 fields to the parser, whatever a reader splitting at every \r would see.
    const hidden = `${HEADER}\n${',\r,'.repeat(300)}\n`
    expect(problems(readEventCsv(hidden))).toEqual(['CSV：第 2 行超过 256 列的上限'])
  })

  it('given a header of exactly 256 columns (7 named, 249 empty, as a spreadsheet exports them), reads its rows', () => {
    const csv = `${HEADER}${','.repeat(249)}\n${row(1)}\n${row(2)}\n`
    const read = readEventCsv(csv)
    expect(E.map((xs: SheetEvent[]) => xs.map((x) => x.envelope.data.sessionId))(read)).toEqual(
      E.right(['s-1', 's-2'])
    )
  })

  it('when it has 50,001 rows, refuses the file; 50,000 rows are read (here all of an unknown type, one problem each)', () => {
    const unknown = (n: number) => `类型\n${'x\n'.repeat(n)}`
    expect(problems(readEventCsv(unknown(MAX_ROWS + 1)))).toEqual([
      'CSV：数据超过 50000 行的上限；请分成几个文件导入',
    ])
    const read = readEventCsv(unknown(MAX_ROWS))
    expect(E.isLeft(read) && [read.left.length, formatSheetIssue(read.left.at(-1)!)]).toEqual([
      50_000,
      'CSV!A50001（类型）：未知事件类型 x',
    ])
  })

  it('maps the header once per type: a value under a header another type has is placed, an unused column ignored', () => {
    const csv = [
      `${HEADER},覆盖人数,自己的备注,`,
      `${row(1)},,,`,
      `${row(2)},200,,`,
      '普法宣传,lizhou,2017-03-02,p-1,campaign,宪法宣传周,30,500,看过,',
    ].join('\n')
    expect(problems(readEventCsv(csv))).toEqual([
      'CSV!H3（覆盖人数）：学法、培训、考试 没有此列',
      'CSV!G4（参加人数）：普法宣传 没有此列',
      'CSV!I4（自己的备注）：普法宣传 没有此列',
    ])
  })
})
