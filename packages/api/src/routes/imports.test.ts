import { templateWorkbook } from '@kaoping/sheets'
import { zipBomb } from '@kaoping/sheets/testing/hostile-files'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Api, givenApi, TOKENS, training } from '../testing/api-spec'
import { XLSX } from './results'

let api: Api
beforeEach(async () => {
  api = await givenApi()
})
afterEach(() => api.close())

const upload = (body: Uint8Array | string, type: string, as: keyof typeof TOKENS = 'admin') =>
  api.app.request('/v1/imports', {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKENS[as]}`, 'Content-Type': type },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  })

const workbookWith = async (
  edit: (ws: ExcelJS.Worksheet) => void,
  events = [training('lizhou'), training('lizhou')]
) => {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(await templateWorkbook(events)) as unknown as ExcelJS.Buffer)
  edit(wb.getWorksheet('学法、培训、考试')!)
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

describe('POST /v1/imports', () => {
  it('appends a filled template: 利州 2 + 2 trainings of 4 → 10.00', async () => {
    const r = await upload(await templateWorkbook([training('lizhou'), training('lizhou')]), XLSX)
    expect(r.status).toBe(201)
    expect(((await r.json()) as { events: unknown[] }).events).toHaveLength(2)
    const unit = await api.get('/v1/schemes/test-2026/units/lizhou')
    expect(unit.json.unit.total).toBe('10.00')
  })

  it('places a bad cell and a log rule broken on their sheet, row and column, storing nothing', async () => {
    const before = await api.everything()
    const bad = await upload(await workbookWith((ws) => (ws.getCell('G3').value = -1)), XLSX)
    expect(bad.status).toBe(422)
    const body = (await bad.json()) as { error: { issues: Array<{ path: string; message: string }> } }
    expect(body.error.issues).toEqual([
      { path: '学法、培训、考试!G3', message: '学法、培训、考试!G3（参加人数）：应为非负整数，实际为 -1' },
    ])
    const unknownUnit = await upload(await workbookWith((ws) => (ws.getCell('B2').value = 'chaotian')), XLSX)
    expect(unknownUnit.status).toBe(422)
    const issues = ((await unknownUnit.json()) as { error: { issues: Array<{ path: string }> } }).error.issues
    expect(issues.map((i) => i.path)).toEqual(['学法、培训、考试!B2'])
    expect(await api.everything()).toEqual(before)
  })

  it('reads a few workbooks at once and asks one more to come back (503, Retry-After), storing nothing of it', async () => {
    const busy = await givenApi({ with: (d) => ({ ...d, importsAtOnce: 1 }) })
    const [one, two] = [
      await templateWorkbook([training('lizhou', '2026-04-01')]),
      await templateWorkbook([training('lizhou', '2026-04-02')]),
    ]
    const send = (bytes: Uint8Array) =>
      busy.app.request('/v1/imports', {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKENS.admin}`, 'Content-Type': XLSX },
        body: new Uint8Array(bytes),
      })
    const before = (await busy.everything()).length
    // Both uploaded together: the first is still being read (exceljs works asynchronously) when the second arrives.
    const [a, b] = await Promise.all([send(one), send(two)])
    expect([a.status, b.status]).toEqual([201, 503])
    expect(b.headers.get('Retry-After')).toBe('2')
    expect(((await b.json()) as { error: { code: string } }).error.code).toBe('imports_busy')
    expect((await busy.everything()).length).toBe(before + 1)
    expect((await send(two)).status).toBe(201)
    await busy.close()
  })

  it('takes CSV, and refuses another content type with 415', async () => {
    const csv =
      '类型,单位代码,发生日期,活动编号,类别,主题,参加人数\nTrainingHeld,cangxi,2026-04-01,s-x,lecture,宪法,30\n'
    expect((await upload(csv, 'text/csv; charset=utf-8')).status).toBe(201)
    expect((await upload(csv, 'application/pdf')).status).toBe(415)
  })

  it('stores a file imported again once, and of a grown file only its new rows, saying how many it skipped', async () => {
    const header = '类型,单位代码,发生日期,活动编号,类别,主题,参加人数\n'
    const row = (n: number) => `TrainingHeld,lizhou,2026-05-0${n},csv-${n},lecture,学法,10\n`
    const first = await upload(header + row(1) + row(2), 'text/csv')
    expect([first.status, (await first.json()).imported]).toEqual([201, 2])
    const before = await api.everything()
    const again = await upload(header + row(1) + row(2), 'text/csv')
    expect([again.status, await again.json()]).toMatchObject([200, { imported: 0, skipped: 2 }])
    expect(await api.everything()).toEqual(before)
    const grown = await upload(header + row(1) + row(2) + row(3), 'text/csv')
    expect([grown.status, await grown.json()]).toMatchObject([201, { imported: 1, skipped: 2 }])
    expect((await api.everything()).length).toBe(before.length + 1)
  })

  it('refuses a row whose business id names a stored fact with other content (409), storing nothing', async () => {
    const header = '类型,单位代码,发生日期,活动编号,类别,主题,参加人数\n'
    expect(
      (await upload(`${header}TrainingHeld,lizhou,2026-05-01,csv-9,lecture,学法,10\n`, 'text/csv')).status
    ).toBe(201)
    const before = await api.everything()
    const changed = await upload(
      `${header}TrainingHeld,lizhou,2026-05-01,csv-9,lecture,学法,12\n`,
      'text/csv'
    )
    expect(changed.status).toBe(409)
    expect(await api.everything()).toEqual(before)
  })

  it('stores a corrected row once its first version was retracted, and skips it when the file comes again', async () => {
    const header = '类型,单位代码,发生日期,活动编号,类别,主题,参加人数\n'
    const first = await upload(`${header}TrainingHeld,lizhou,2026-05-01,csv-7,lecture,学法,10\n`, 'text/csv')
    const [stored] = (await first.json()).events as Array<{ id: string }>
    const retraction = {
      type: 'EventRetracted',
      data: { unitId: 'lizhou', occurredOn: '2026-05-02', targetEventId: stored!.id, reason: '人数录错' },
    }
    expect((await api.post('/v1/events', { events: [retraction] })).status).toBe(201)
    const corrected = `${header}TrainingHeld,lizhou,2026-05-01,csv-7,lecture,学法,12\n`
    const again = await upload(corrected, 'text/csv')
    expect([again.status, (await again.json()).imported]).toEqual([201, 1])
    const before = await api.everything()
    expect([(await upload(corrected, 'text/csv')).status]).toEqual([200])
    expect(await api.everything()).toEqual(before)
  })

  it('refuses a reporter’s zip-bomb workbook (a sheet declaring 64 MiB in a ≈ 65 KB upload) with 422 by its declared size, storing nothing', async () => {
    const before = await api.everything()
    // 64 MiB = 67,108,864 bytes: a real template's sheet padded with spaces, as the hostile review's 400 MB one.
    const bomb = await zipBomb(await templateWorkbook([training('lizhou')]), 64 * 1024 * 1024)
    expect(bomb.length).toBeLessThan(200 * 1024)
    const r = await upload(bomb, XLSX, 'lizhou')
    expect(r.status).toBe(422)
    const { error } = (await r.json()) as { error: { issues: Array<{ path: string; message: string }> } }
    expect(error.issues).toEqual([
      { path: '（文件）', message: expect.stringContaining('声明解压后为 67108864 字节') },
    ])
    expect(error.issues[0]!.message).toContain('未解压即拒绝')
    expect(await api.everything()).toEqual(before)
  })

  it('refuses the hostile review’s wide CSV (类型 and 1,000,000 empty columns over 1,000 valid rows) with 422, storing nothing', async () => {
    const before = await api.everything()
    const rows = Array.from(
      { length: 1000 },
      (_, i) => `TrainingHeld,lizhou,2026-05-01,wide-${i},lecture,学法,10`
    )
    const csv = `类型${','.repeat(1_000_000)}\n${rows.join('\n')}\n`
    const r = await upload(csv, 'text/csv', 'lizhou')
    expect(r.status).toBe(422)
    const { error } = (await r.json()) as { error: { issues: Array<{ path: string; message: string }> } }
    expect(error.issues).toEqual([{ path: 'CSV', message: 'CSV：第 1 行超过 256 列的上限' }])
    expect(await api.everything()).toEqual(before)
  })

  it('forbids a reporter rows of another unit (403, nothing stored)', async () => {
    const before = await api.everything()
    const r = await upload(await templateWorkbook([training('cangxi')]), XLSX, 'lizhou')
    expect(r.status).toBe(403)
    expect(await api.everything()).toEqual(before)
  })
})

describe('workbook downloads', () => {
  it('gives the ranking as XLSX: 苍溪 10.00 first, 利州 5.00 second', async () => {
    const res = await api.app.request('/v1/schemes/test-2026/ranking?format=xlsx', {
      headers: { Authorization: `Bearer ${TOKENS.admin}` },
    })
    expect(res.headers.get('Content-Type')).toBe(XLSX)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer)
    const ws = wb.getWorksheet('排名')!
    const rows = [2, 3].map((n) => (ws.getRow(n).values as unknown[]).slice(1, 5))
    expect(rows).toEqual([
      [1, 'cangxi', '苍溪县', 10],
      [2, 'lizhou', '利州区', 5],
    ])
    expect(ws.getCell('D3').numFmt).toBe('0.00')
  })

  it('gives one unit’s breakdown as XLSX', async () => {
    const res = await api.app.request('/v1/schemes/test-2026/units/lizhou?format=xlsx', {
      headers: { Authorization: `Bearer ${TOKENS.lizhou}` },
    })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer)
    const ws = wb.getWorksheet('利州区')!
    expect((ws.getRow(2).values as unknown[]).slice(1, 6)).toEqual(['学法', 'A1', '学法不少于4次', '2.00', 5])
  })
})
