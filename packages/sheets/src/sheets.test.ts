import { appendValidated, importLog } from '@kaoping/app'
import { canonicalJson, EVENT_TYPES } from '@kaoping/core'
import { createMemoryStore } from '@kaoping/store'
import ExcelJS from 'exceljs'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { generateDemoCity } from '../../../examples/demo-city/generate'
import type { Registry } from './code-tables'
import { formatSheetIssue } from './issue'
import { LAYOUTS } from './layout'
import { readEventCsv } from './read-csv'
import { readEventWorkbook } from './read-workbook'
import type { SheetEvent } from './rows'
import { templateWorkbook } from './template'

const load = async (bytes: Uint8Array) => {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer)
  return wb
}

const TRAINING = {
  id: '0b9a3f6e-8d1c-4e2a-9f00-0000000000aa',
  type: 'TrainingHeld',
  data: {
    unitId: 'lizhou',
    occurredOn: '2017-03-01',
    sessionId: 's-1',
    kind: 'leadership_study',
    topic: '学习宪法',
    attendees: 20,
  },
}

describe('the import template', () => {
  it('has an instructions sheet and one sheet per event type but schemes, with starred required headers', async () => {
    const wb = await load(await templateWorkbook())
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', ...LAYOUTS.map((l) => l.name), '代码表'])
    // One sheet per catalog type but the scheme stream's (2) and the self-assessment (a list), plus instructions
    // and the hidden sheet of the dropdowns' lists.
    expect(wb.worksheets).toHaveLength(EVENT_TYPES.length - 3 + 2)
    const training = wb.getWorksheet('学法、培训、考试')!
    expect((training.getRow(1).values as unknown[]).slice(1)).toEqual([
      '事件编号（可空）',
      '单位代码*',
      '发生日期*',
      '活动编号*',
      '类别*',
      '主题*',
      '参加人数*',
      '计入日期',
      '佐证材料',
      '学时',
      '考试合格人数',
    ])
  })

  it('offers dropdowns for closed vocabularies and 是/否, their lists in the hidden 代码表 sheet', async () => {
    const wb = await load(await templateWorkbook())
    const v = (sheet: string, cell: string) => wb.getWorksheet(sheet)!.getCell(cell).dataValidation
    const column = (letter: string, rows: number) =>
      Array.from(
        { length: rows + 1 },
        (_, i) => wb.getWorksheet('代码表')!.getCell(`${letter}${i + 1}`).value
      )
    // The lists in the order columns first use them, three columns each: 单位类别 (A), 案件类别 (D), 是/否 (G),
    // 审级 (J), 结果 (M), 结案方式 (P), then 学法的类别 (S).
    expect(v('学法、培训、考试', 'E2')).toMatchObject({
      type: 'list',
      formulae: ["'代码表'!$S$2:$S$7"],
      errorStyle: 'stop',
      error: '请从列表中选择：领导干部学法、执法人员培训、法律知识考试、法治讲座、旁听庭审、日常学法',
    })
    expect(column('S', 6)).toEqual([
      '类别（学法、培训、考试）',
      '领导干部学法',
      '执法人员培训',
      '法律知识考试',
      '法治讲座',
      '旁听庭审',
      '日常学法',
    ])
    expect(column('T', 2)).toEqual([
      '类别（学法、培训、考试）代码',
      'leadership_study',
      'enforcement_training',
    ])
    expect(v('开庭（负责人出庭应诉）', 'E9')).toMatchObject({
      type: 'list',
      formulae: ["'代码表'!$G$2:$G$3"],
    })
    expect(column('G', 2)).toEqual(['是/否', '是', '否'])
  })

  it('reads back what it was filled with', async () => {
    const read = await readEventWorkbook(await templateWorkbook([TRAINING]))
    expect(E.map((xs: SheetEvent[]) => xs.map((x) => [x.envelope, x.sheet, x.row]))(read)).toEqual(
      E.right([[TRAINING, '学法、培训、考试', 2]])
    )
  })

  it('reports every bad cell with its sheet, row, column and header, in Chinese', async () => {
    const wb = await load(
      await templateWorkbook([TRAINING, { ...TRAINING, id: undefined as never, data: { ...TRAINING.data } }])
    )
    const ws = wb.getWorksheet('学法、培训、考试')!
    ws.getCell('G2').value = -3
    ws.getCell('C3').value = '2017-02-30'
    ws.getCell('A3').value = 'not-a-uuid'
    ws.getCell('E3').value = 'party'
    const read = await readEventWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()))
    expect(E.isLeft(read) && read.left.map(formatSheetIssue)).toEqual([
      '学法、培训、考试!G2（参加人数）：应为非负整数，实际为 -3',
      '学法、培训、考试!A3（事件编号）：应为 UUID，实际为 not-a-uuid',
      '学法、培训、考试!C3（发生日期）：应为有效日期（YYYY-MM-DD），实际为 "2017-02-30"',
      '学法、培训、考试!E3（类别）：应为以下之一：领导干部学法、执法人员培训、法律知识考试、法治讲座、旁听庭审、日常学法，实际为 "party"',
    ])
  })

  it('writes vocabularies by their Chinese names and reads either the names or the codes', async () => {
    const wb = await load(await templateWorkbook([TRAINING]))
    const ws = wb.getWorksheet('学法、培训、考试')!
    expect(ws.getCell('E2').value).toBe('领导干部学法')
    ws.addRow(['', 'lizhou', '2017-03-02', 's-2', 'law_exam', '考试', 12])
    const read = await readEventWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()))
    expect(E.map((xs: SheetEvent[]) => xs.map((x) => x.envelope.data.kind))(read)).toEqual(
      E.right(['leadership_study', 'law_exam'])
    )
  })

  it('takes Excel date cells and 是/否 as the codecs expect', async () => {
    const wb = await load(await templateWorkbook())
    const ws = wb.getWorksheet('开庭（负责人出庭应诉）')!
    ws.addRow(['', 'lizhou', new Date(Date.UTC(2017, 4, 3)), 'c-1', '否'])
    const read = await readEventWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()))
    expect(E.map((xs: SheetEvent[]) => xs.map((x) => x.envelope))(read)).toEqual(
      E.right([
        {
          type: 'HearingHeld',
          data: { unitId: 'lizhou', occurredOn: '2017-05-03', caseId: 'c-1', leaderAppeared: false },
        },
      ])
    )
  })
})

describe('CSV', () => {
  it('reads rows of several types by their 类型 column', () => {
    const csv =
      '\uFEFF类型,单位代码,发生日期,活动编号,类别,主题,参加人数,覆盖人数\r\nTrainingHeld,lizhou,2017-03-01,s-1,lecture,宪法,30,\r\n普法宣传,lizhou,2017-03-02,p-1,campaign,宪法宣传周,,500\r\n'
    expect(E.map((xs: SheetEvent[]) => xs.map((x) => x.envelope))(readEventCsv(csv))).toEqual(
      E.right([
        {
          type: 'TrainingHeld',
          data: {
            unitId: 'lizhou',
            occurredOn: '2017-03-01',
            sessionId: 's-1',
            kind: 'lecture',
            topic: '宪法',
            attendees: 30,
          },
        },
        {
          type: 'PublicityHeld',
          data: {
            unitId: 'lizhou',
            occurredOn: '2017-03-02',
            activityId: 'p-1',
            kind: 'campaign',
            topic: '宪法宣传周',
            reach: 500,
          },
        },
      ])
    )
  })

  it('names the row and column of an unknown type or a value in a column the type does not have', () => {
    const csv =
      '类型,单位代码,发生日期,活动编号,类别,主题,参加人数,覆盖人数\nTrainingHold,lizhou,2017-03-01,s-1,lecture,宪法,30,\nTrainingHeld,lizhou,2017-03-01,s-2,lecture,宪法,30,200\n'
    const read = readEventCsv(csv)
    expect(E.isLeft(read) && read.left.map(formatSheetIssue)).toEqual([
      'CSV!A2（类型）：未知事件类型 TrainingHold',
      'CSV!H3（覆盖人数）：学法、培训、考试 没有此列',
    ])
  })
})

describe('the demo city through the template', () => {
  it('imports the same events as its NDJSON file', async () => {
    const lines = generateDemoCity()
    const text = lines.map((l) => JSON.stringify(l)).join('\n')
    const clock = () => '2018-02-01T00:00:00.000Z'
    const fromNdjson = createMemoryStore({ clock })
    expect(E.isRight(await importLog(fromNdjson, text))).toBe(true)

    // The assessment cycle does not go through the template: publications are computed by the server,
    // self-assessments carry lists of items, appeals and their decisions are bound to the window at their instants.
    const cycle = new Set(['SelfAssessmentSubmitted', 'ResultPublished', 'AppealFiled', 'AppealDecided'])
    const facts = lines.filter((l) => l.type !== 'SchemePublished' && !cycle.has(l.type))
    // Given the registry and the schemes, units, schemes and indicators are written as 名称（代码） and read back.
    const registry: Registry = {
      units: lines.flatMap((l) =>
        l.type === 'UnitRegistered' ? [l.data as { unitId: string; name: string }] : []
      ),
      schemes: lines.flatMap((l) =>
        l.type === 'SchemePublished'
          ? [(l.data as { scheme: NonNullable<Registry['schemes']>[number] }).scheme]
          : []
      ),
    }
    const bytes = await templateWorkbook(
      facts.map((l) => ({ id: l.id, type: l.type, data: l.data as Record<string, unknown> })),
      registry
    )
    const written = await load(bytes)
    expect((written.getWorksheet('人工调整分数（须留痕）')!.getRow(2).values as unknown[]).slice(2)).toEqual([
      '昭化区（zhaohua）',
      '2018-01-26',
      '2017年度法治人社建设重点单项工作目标考核办法（县区局）（guangyuan-districts-2017）',
      '按时报送年度法治政府建设报告和法治统计报表（A7）',
      -1,
      '统计报表迟报（市局通报 gy-rsj-2017-tb-03），经局务会研究扣1分',
      '市人社局局务会',
      '2017-12-31',
    ])
    const read = await readEventWorkbook(bytes)
    if (E.isLeft(read)) throw new Error(read.left.slice(0, 5).map(formatSheetIssue).join('\n'))
    const fromSheet = createMemoryStore({ clock })
    // Schemes are published on their own (JSON), before the year's facts are loaded from the workbook.
    const schemes = lines
      .filter((l) => l.type === 'SchemePublished')
      .map(({ id, type, data }) => ({ id, type, data }))
    expect(
      E.isRight(
        await appendValidated(fromSheet, schemes, {
          principal: { role: 'admin', name: 'test' },
          newId: () => crypto.randomUUID(),
        })
      )
    ).toBe(true)
    const appended = await appendValidated(
      fromSheet,
      read.right.map((e) => e.envelope),
      {
        principal: { role: 'admin', name: 'test' },
        newId: () => crypto.randomUUID(),
      }
    )
    if (E.isLeft(appended)) throw new Error(JSON.stringify(appended.left).slice(0, 500))

    // Canonical JSON: a row's fields come in the sheet's column order (countsOn among the v2 fields at the end).
    const key = (e: { id: string; type: string; data: unknown }) => canonicalJson([e.id, e.type, e.data])
    const a = (await fromNdjson.readAll())
      .filter((e) => !cycle.has(e.type))
      .map(key)
      .sort()
    const b = (await fromSheet.readAll()).map(key).sort()
    expect(b).toHaveLength(lines.filter((l) => !cycle.has(l.type)).length)
    expect(b).toEqual(a)
  })
})
