/**
 * Code columns in words (issue #16): units, schemes and indicators offered and read by name, the open vocabularies'
 * known values by their Chinese labels, every list kept in the hidden 代码表 sheet.
 */
import { readFileSync } from 'node:fs'
import { EVENT_TYPES } from '@kaoping/core'
import ExcelJS from 'exceljs'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { generateDemoCity } from '../../../examples/demo-city/generate'
import type { Registry } from './code-tables'
import { formatSheetIssue } from './issue'
import { readEventCsv } from './read-csv'
import { readEventWorkbook } from './read-workbook'
import type { SheetEvent } from './rows'
import { templateWorkbook } from './template'
import { OPEN_VOCABULARIES, VOCABULARY_LABELS } from './vocabulary'

const SCHEMES = ['districts-2017', 'departments-2017'].map(
  (name) =>
    JSON.parse(readFileSync(`examples/schemes/${name}.json`, 'utf8')) as NonNullable<
      Registry['schemes']
    >[number]
)
const REGISTRY: Registry = {
  units: [
    { unitId: 'lizhou', name: '利州区' },
    { unitId: 'cangxi', name: '苍溪县' },
  ],
  schemes: SCHEMES,
}

const TRAINING_SHEET = '学法、培训、考试'
const ADJUSTED_SHEET = '人工调整分数（须留痕）'
const DOCUMENT_SHEET = '印发文件'

const load = async (bytes: Uint8Array) => {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer)
  return wb
}
const bytesOf = async (wb: ExcelJS.Workbook) => new Uint8Array(await wb.xlsx.writeBuffer())

/** A cell's dropdown: its style and the list its range refers to, read from the code sheet. */
const dropdown = (wb: ExcelJS.Workbook, sheet: string, cell: string) => {
  const v = wb.getWorksheet(sheet)!.getCell(cell).dataValidation
  if (!v?.formulae) return undefined
  const m = /^'(.+)'!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$/.exec(String(v.formulae[0]))
  if (!m) throw new Error(`not a range: ${v.formulae[0]}`)
  const [, codeSheet, column, from, , to] = m as unknown as [string, string, string, string, string, string]
  const ws = wb.getWorksheet(codeSheet)!
  const list: unknown[] = []
  for (let row = Number(from); row <= Number(to); row++) list.push(ws.getCell(`${column}${row}`).value)
  return { sheet: codeSheet, style: v.errorStyle ?? 'stop', list }
}

let session = 0
const training = (unit: string) => ['', unit, '2017-03-01', `s-${++session}`, '法治讲座', '宪法', 20]
const envelopes = (read: E.Either<unknown, SheetEvent[]>) =>
  E.map((xs: SheetEvent[]) => xs.map((x) => x.envelope))(read)

describe('the template given the registry and the published schemes', () => {
  it('offers the units, schemes and indicators as 名称（代码）, only warning on another value', async () => {
    const wb = await load(await templateWorkbook([], REGISTRY))
    expect(dropdown(wb, TRAINING_SHEET, 'B2')).toEqual({
      sheet: '代码表',
      style: 'warning',
      list: ['利州区（lizhou）', '苍溪县（cangxi）'],
    })
    expect(dropdown(wb, ADJUSTED_SHEET, 'D2')?.list).toEqual([
      '2017年度法治人社建设重点单项工作目标考核办法（县区局）（guangyuan-districts-2017）',
      '2017年度法治人社建设目标考核办法（市局科室、单位）（guangyuan-departments-2017）',
    ])
    const indicators = dropdown(wb, ADJUSTED_SHEET, 'E2')!
    expect(indicators.style).toBe('warning')
    // Every indicator of both schemes, bonus items included: far beyond an inline list's 255 characters.
    expect(indicators.list).toHaveLength(32 + 3 + 23)
    expect(indicators.list.slice(0, 2)).toEqual([
      '设立政策法规股（A1）',
      '至少配备1名专职政策法规工作人员（A2）',
    ])
    expect(indicators.list).toContain('国家级表彰（每项+2）（H1）')
    expect(indicators.list).toContain('集体学法不少于6次（K1-1）')
    expect(indicators.list.join(',').length).toBeGreaterThan(255)
    // Every type with an indicator the template includes: judged points, appeals.
    expect(dropdown(wb, '考核组评分（评议类指标）', 'E2')?.list).toEqual(indicators.list)
    expect(dropdown(wb, '申诉', 'I2')?.list).toEqual(indicators.list)
    expect(dropdown(wb, '申诉', 'E2')?.list).toHaveLength(2)
  })

  it('offers the open vocabularies’ known values by their Chinese names, a new code still allowed', async () => {
    const wb = await load(await templateWorkbook())
    expect(dropdown(wb, DOCUMENT_SHEET, 'E2')).toEqual({
      sheet: '代码表',
      style: 'warning',
      list: [
        '法治人社建设实施方案',
        '七五普法规划',
        '政策主题宣传年活动实施方案',
        '规范性文件（经合法性审查）',
        '规范性文件（未经合法性审查）',
        '年度法治政府建设报告',
        '法治统计报表',
      ],
    })
    expect(dropdown(wb, '被通报', 'F2')?.list).toEqual([
      '政策法规宣传不到位',
      '法治统计报表迟报',
      '行政执法案卷不规范',
    ])
    expect(dropdown(wb, '一票否决事项', 'E2')?.list).toEqual([
      '群体性事件或集体上访',
      '安全责任事故',
      '违纪违法案件',
      '重大责任事件',
    ])
    // A closed vocabulary holds to its list.
    expect(dropdown(wb, TRAINING_SHEET, 'E2')?.style).toBe('stop')
  })

  it('has no unit, scheme or indicator dropdown without the registry, and keeps its lists in a hidden sheet', async () => {
    const wb = await load(await templateWorkbook())
    expect(dropdown(wb, TRAINING_SHEET, 'B2')).toBeUndefined()
    expect(dropdown(wb, ADJUSTED_SHEET, 'D2')).toBeUndefined()
    expect(dropdown(wb, ADJUSTED_SHEET, 'E2')).toBeUndefined()
    expect(wb.getWorksheet('代码表')!.state).toBe('hidden')
  })

  it('writes a filled row’s unit, scheme and indicator as 名称（代码） and reads them back as codes', async () => {
    const adjusted = {
      type: 'PointsAdjusted',
      data: {
        unitId: 'cangxi',
        occurredOn: '2018-01-10',
        schemeId: 'guangyuan-districts-2017',
        indicatorId: 'A6',
        points: -1,
        reason: '迟报',
        approvedBy: '局务会',
      },
    }
    const bytes = await templateWorkbook([adjusted], REGISTRY)
    const ws = (await load(bytes)).getWorksheet(ADJUSTED_SHEET)!
    expect([ws.getCell('B2').value, ws.getCell('E2').value]).toEqual([
      '苍溪县（cangxi）',
      '规范性文件合法性审查率（A6）',
    ])
    expect(envelopes(await readEventWorkbook(bytes))).toEqual(E.right([adjusted]))
  })
})

describe('reading the code columns', () => {
  it('reads 利州区, 利州区（lizhou） and lizhou in 单位 as lizhou', async () => {
    const wb = await load(await templateWorkbook([], REGISTRY))
    const ws = wb.getWorksheet(TRAINING_SHEET)!
    for (const unit of ['利州区', '利州区（lizhou）', 'lizhou', '利州区(lizhou)']) ws.addRow(training(unit))
    const read = envelopes(await readEventWorkbook(await bytesOf(wb)))
    expect(
      E.map((xs: Array<{ data: Record<string, unknown> }>) => xs.map((x) => x.data.unitId))(read)
    ).toEqual(E.right(['lizhou', 'lizhou', 'lizhou', 'lizhou']))
  })

  it('reads an indicator given by its name as its id, in the row’s scheme when two schemes share the name', async () => {
    const wb = await load(await templateWorkbook([], REGISTRY))
    const ws = wb.getWorksheet(ADJUSTED_SHEET)!
    const row = (scheme: string, indicator: string) =>
      ws.addRow(['', '苍溪县', '2018-01-10', scheme, indicator, -1, '迟报', '局务会'])
    row('guangyuan-districts-2017', '设立政策法规股')
    row('guangyuan-districts-2017', '规范性文件合法性审查率')
    row('2017年度法治人社建设目标考核办法（市局科室、单位）', '规范性文件合法性审查率')
    row('guangyuan-districts-2017', 'A3')
    const read = envelopes(await readEventWorkbook(await bytesOf(wb)))
    expect(
      E.map((xs: Array<{ data: Record<string, unknown> }>) =>
        xs.map((x) => [x.data.schemeId, x.data.indicatorId])
      )(read)
    ).toEqual(
      E.right([
        ['guangyuan-districts-2017', 'A1'],
        ['guangyuan-districts-2017', 'A6'],
        ['guangyuan-departments-2017', 'K3-1'],
        ['guangyuan-districts-2017', 'A3'],
      ])
    )
  })

  it('keeps an unknown document type as typed and reads a known one’s Chinese name as its code', async () => {
    const wb = await load(await templateWorkbook())
    const ws = wb.getWorksheet(DOCUMENT_SHEET)!
    ws.addRow(['', 'lizhou', '2017-04-20', 'doc-1', 'safety_plan', '安全生产方案'])
    ws.addRow(['', 'lizhou', '2017-04-21', 'doc-2', '法治人社建设实施方案', '实施方案'])
    ws.addRow(['', 'lizhou', '2017-04-22', 'doc-3', 'annual_report', '年度报告'])
    const read = envelopes(await readEventWorkbook(await bytesOf(wb)))
    expect(
      E.map((xs: Array<{ data: Record<string, unknown> }>) => xs.map((x) => x.data.docType))(read)
    ).toEqual(E.right(['safety_plan', 'rule_of_law_plan', 'annual_report']))
  })

  it('names the cell of a unit no registered unit is called, of a name that is not its code’s, and of an unknown type in words', async () => {
    const wb = await load(await templateWorkbook([], REGISTRY))
    wb.getWorksheet(TRAINING_SHEET)!.addRow(training('利州'))
    wb.getWorksheet(TRAINING_SHEET)!.addRow(training('苍溪县（lizhou）'))
    wb.getWorksheet(DOCUMENT_SHEET)!.addRow(['', 'lizhou', '2017-04-20', 'doc-1', '安全方案', '安全生产方案'])
    const read = await readEventWorkbook(await bytesOf(wb))
    expect(E.isLeft(read) && read.left.map(formatSheetIssue)).toEqual([
      '学法、培训、考试!B2（单位代码）：没有名为“利州”的已登记单位（请从下拉列表中选择，或填写单位代码）',
      '学法、培训、考试!B3（单位代码）：“苍溪县（lizhou）”的名称与代码不符：lizhou 是“利州区”',
      '印发文件!E2（文件类别）：应为已知的文件类别（法治人社建设实施方案、七五普法规划、政策主题宣传年活动实施方案、规范性文件（经合法性审查）、规范性文件（未经合法性审查）、年度法治政府建设报告、法治统计报表）或新的英文代码（字母、数字、_.:/-，不含空格），实际为 "安全方案"',
    ])
  })

  it('knows a unit the file registers itself by its name on the sheets after', async () => {
    const wb = await load(await templateWorkbook([], REGISTRY))
    wb.getWorksheet('登记被考核单位')!.addRow(['', 'wangcang', '旺苍县', '县区局'])
    wb.getWorksheet(TRAINING_SHEET)!.addRow(training('旺苍县'))
    const read = envelopes(await readEventWorkbook(await bytesOf(wb)))
    expect(
      E.map((xs: Array<{ data: Record<string, unknown> }>) => xs.map((x) => x.data.unitId))(read)
    ).toEqual(E.right(['wangcang', 'wangcang']))
  })

  it('reads 名称（代码） in a CSV file, which carries no code table', () => {
    const csv =
      '类型,单位代码,发生日期,活动编号,类别,主题,参加人数\nTrainingHeld,利州区（lizhou）,2017-03-01,s-1,lecture,宪法,30\n'
    expect(E.map((xs: SheetEvent[]) => xs.map((x) => x.envelope.data.unitId))(readEventCsv(csv))).toEqual(
      E.right(['lizhou'])
    )
  })
})

/** Every string a where clause compares a field with: a value, a list, or inside `{ ne: … }` and the like. */
const strings = (v: unknown): string[] =>
  typeof v === 'string'
    ? [v]
    : Array.isArray(v)
      ? v.flatMap(strings)
      : v && typeof v === 'object'
        ? Object.values(v).flatMap(strings)
        : []

/** `Type.field` → the slugs the example schemes' where clauses name for it. */
const whereSlugs = (node: unknown, out = new Map<string, Set<string>>()): Map<string, Set<string>> => {
  if (Array.isArray(node)) for (const x of node) whereSlugs(x, out)
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>
    const type = Object.values(o).find(
      (v) => typeof v === 'string' && (EVENT_TYPES as ReadonlyArray<string>).includes(v)
    )
    if (type && o.where && typeof o.where === 'object')
      for (const [field, v] of Object.entries(o.where)) {
        const key = `${type}.${field}`
        out.set(key, new Set([...(out.get(key) ?? []), ...strings(v)]))
      }
    for (const v of Object.values(o)) whereSlugs(v, out)
  }
  return out
}

describe('the open vocabularies', () => {
  it('label every slug the example schemes’ where clauses name (a scheme author adding one is told to label it)', () => {
    const named = whereSlugs(SCHEMES)
    expect([...named.keys()].filter((k) => OPEN_VOCABULARIES.includes(k)).sort()).toEqual([
      'DocumentIssued.docType',
      'NotificationReceived.reason',
    ])
    for (const key of OPEN_VOCABULARIES)
      for (const slug of named.get(key) ?? [])
        expect(
          VOCABULARY_LABELS[key]?.[slug],
          `${key} ${slug}: add its Chinese name to vocabulary.ts`
        ).toBeDefined()
  })

  it('label every slug the demo city records', () => {
    for (const line of generateDemoCity())
      for (const key of OPEN_VOCABULARIES) {
        const [type, field] = key.split('.') as [string, string]
        const slug = (line.data as Record<string, unknown>)[field]
        if (line.type === type) expect(VOCABULARY_LABELS[key]?.[String(slug)], `${key} ${slug}`).toBeDefined()
      }
  })

  it('name each value once, so a name reads back as one code', () => {
    for (const key of OPEN_VOCABULARIES) {
      const labels = Object.values(VOCABULARY_LABELS[key] ?? {})
      expect(labels.length).toBeGreaterThan(0)
      expect(new Set(labels).size).toBe(labels.length)
    }
  })
})
