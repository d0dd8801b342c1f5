/** The spreadsheet commands as processes: template, import of XLSX/CSV (all or nothing), report, replay --format xlsx. */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'

const dir = mkdtempSync(join(tmpdir(), 'kaoping-sheets-'))
const kaoping = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/kaoping.ts', ...args], {
    encoding: 'utf8',
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}
const workbook = async (path: string) => {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(path)
  return wb
}

describe('spreadsheet commands', () => {
  const db = join(dir, 'k.db')
  const demo = join(dir, 'demo.ndjson')
  const template = join(dir, 'template.xlsx')

  // The demo city, once, in a hook: with the whole flow in one case it passed 60 s on a busy machine.
  beforeAll(() => {
    expect(kaoping('seed', '--out', demo).code).toBe(0)
    expect(kaoping('import', demo, '--db', db).code).toBe(0)
  })

  it('writes the template, imports it filled (all or nothing, twice is once), and reports a year', async () => {
    expect(kaoping('template', '--out', template, '--db', db)).toMatchObject({
      code: 0,
      stdout: `已写入导入模板：${template}\n单位、考核办法和指标的下拉列表取自 ${db}：14 个单位，2 个考核办法\n`,
    })

    const wb = await workbook(template)
    const ws = wb.getWorksheet('学法、培训、考试')!
    ws.addRow([
      '8f0c2d64-5b7a-4f39-9d21-3c4b5a6d7e80',
      '利州区',
      '2017-12-20',
      'xlsx-1',
      'lecture',
      '年终学法',
      40,
    ])
    ws.addRow(['', 'nowhere', '2017-12-21', 'xlsx-2', 'lecture', '年终学法', -2])
    // The unit column offers the database's 14 units by name (the second list, after 单位类别's); 利州区 above is
    // read back as lizhou.
    expect(ws.getCell('B2').dataValidation.formulae).toEqual(["'代码表'!$D$2:$D$15"])
    expect(wb.getWorksheet('代码表')!.getCell('D5').value).toBe('利州区（lizhou）')
    const bad = join(dir, 'bad.xlsx')
    await wb.xlsx.writeFile(bad)
    const refused = kaoping('import', bad, '--db', db)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toBe('bad.xlsx 学法、培训、考试!G3（参加人数）：应为非负整数，实际为 -2\n')

    ws.spliceRows(3, 1)
    const good = join(dir, 'good.xlsx')
    await wb.xlsx.writeFile(good)
    expect(kaoping('import', good, '--db', db)).toMatchObject({ code: 0, stdout: '已导入 1 条事件\n' })
    expect(kaoping('import', good, '--db', db)).toMatchObject({
      code: 0,
      stdout: '1 条事件均已存在，未重复写入\n',
    })

    const report = join(dir, 'report.xlsx')
    const made = kaoping('report', '--scheme', 'guangyuan-districts-2017', '--out', report, '--db', db)
    expect(made.code).toBe(0)
    const r = await workbook(report)
    const ranking = JSON.parse(
      kaoping('ranking', '--scheme', 'guangyuan-districts-2017', '--format', 'json', '--db', db).stdout
    )
    // One sheet per unit in ranking order, between the ranking and the audit sheet.
    expect(r.worksheets.map((w) => w.name)).toEqual([
      '排名',
      ...ranking.units.map((u: { name: string }) => u.name),
      '审计',
    ])
    const totals = (r.getWorksheet('排名')!.getColumn(4).values.slice(2) as number[]).map((t) => t.toFixed(2))
    expect(totals).toEqual(ranking.units.map((u: { total: string }) => u.total))
    // Each row adds up: categories + bonus + 调整 = total (昭化区's −1 on A7 is in 调整, not lost).
    const sheet = r.getWorksheet('排名')!
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[]
    const adjustColumn = header.indexOf('调整') + 1
    const firstCategory = header.indexOf('标记') + 2
    for (let row = 2; row <= sheet.rowCount; row++) {
      const cells = sheet.getRow(row).values as unknown[]
      const parts = cells.slice(firstCategory, adjustColumn + 1).map((v) => (typeof v === 'number' ? v : 0))
      const total = cells[4] as number
      if (cells[6] === '一票否决' || String(cells[6] ?? '').includes('计0分')) continue
      expect(Math.round(parts.reduce((x, y) => x + y, 0) * 100), `row ${row}`).toBe(Math.round(total * 100))
    }
    const zhaohua = ranking.units.find((u: { unitId: string }) => u.unitId === 'zhaohua')
    expect(zhaohua.adjustments.points).toBe('-1.00')
    const audit = r.getWorksheet('审计')!
    expect(audit.getCell('B3').value).toBe(1)
    // Every event in the store: the demo city and the one row imported above.
    const all = join(dir, 'all.ndjson')
    expect(kaoping('export', '--db', db, '--out', all).code).toBe(0)
    expect(audit.getCell('B6').value).toBe(readFileSync(all, 'utf8').trim().split('\n').length)
    // A mid-year report counts the events recorded by its as-of (end of 2017-06-30, Beijing time), not all of them.
    const midYear = join(dir, 'mid-year.xlsx')
    expect(
      kaoping(
        'report',
        '--scheme',
        'guangyuan-districts-2017',
        '--as-of',
        '2017-06-30',
        '--out',
        midYear,
        '--db',
        db
      ).code
    ).toBe(0)
    const recordedByJune = readFileSync(all, 'utf8')
      .trim()
      .split('\n')
      .filter(
        (l) => Date.parse(JSON.parse(l).recordedAt) <= Date.parse('2017-06-30T23:59:59.999+08:00')
      ).length
    expect(recordedByJune).toBeGreaterThan(0)
    expect((await workbook(midYear)).getWorksheet('审计')!.getCell('B6').value).toBe(recordedByJune)
  })

  it('writes a template without unit, scheme and indicator dropdowns when the database is not there, and says so', async () => {
    const missing = join(dir, 'none.db')
    const out = join(dir, 'template-without.xlsx')
    expect(kaoping('template', '--out', out, '--db', missing)).toMatchObject({
      code: 0,
      stdout: `已写入导入模板：${out}\n未找到数据库 ${missing}：单位、考核办法和指标列没有下拉列表（可用 --db 指定数据库）\n`,
    })
    expect(existsSync(missing)).toBe(false)
    const wb = await workbook(out)
    expect(wb.getWorksheet('学法、培训、考试')!.getCell('B2').dataValidation).toBeUndefined()
  })

  it('names the row of a CSV line the log refuses (an unknown unit), storing nothing', () => {
    const csv = join(dir, 'bad.csv')
    writeFileSync(
      csv,
      '类型,单位代码,发生日期,活动编号,类别,主题,参加人数\nTrainingHeld,lizhou,2017-12-02,c-1,lecture,学法,10\nTrainingHeld,nowhere,2017-12-03,c-2,lecture,学法,10\n'
    )
    const r = kaoping('import', csv, '--db', db)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^bad\.csv CSV!B3（单位代码）：/)
  })

  it('replays to a workbook', async () => {
    const out = join(dir, 'replay.xlsx')
    const r = kaoping(
      'replay',
      '--events',
      demo,
      '--scheme',
      'examples/schemes/districts-2017.json',
      '--format',
      'xlsx',
      '--out',
      out
    )
    expect(r).toMatchObject({ code: 0, stdout: `已写入 ${out}\n` })
    expect((await workbook(out)).getWorksheet('排名')!.rowCount).toBe(9)
    expect(
      kaoping(
        'replay',
        '--events',
        demo,
        '--scheme',
        'examples/schemes/districts-2017.json',
        '--format',
        'xlsx'
      ).code
    ).toBe(2)
    expect(readFileSync(out).length).toBeGreaterThan(1000)
  })
})
