/** `GET /v1/template`: the import workbook, its code columns filled from the read models, for the page. */
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Api, type As, givenApi, TOKENS } from '../testing/api-spec'

let api: Api
beforeEach(async () => {
  api = await givenApi()
})
afterEach(() => api.close())

const template = (as: As) =>
  api.app.request('/v1/template', { headers: { Authorization: `Bearer ${TOKENS[as]}` } })

/** Every value of the hidden code sheet the dropdowns point into. */
const codes = async (res: Response): Promise<string[]> => {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(await res.arrayBuffer())
  const out: string[] = []
  wb.getWorksheet('代码表')?.eachRow((row) =>
    row.eachCell((cell) => {
      out.push(cell.text)
    })
  )
  return out
}

describe('GET /v1/template', () => {
  it('gives the city the workbook with every registered unit and the published scheme’s indicators by name', async () => {
    const res = await template('admin')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('事件导入模板.xlsx')}`
    )
    const values = await codes(res)
    expect(values).toEqual(expect.arrayContaining(['利州区（lizhou）', '苍溪县（cangxi）']))
    expect(values.some((v) => v.endsWith('（test-2026）'))).toBe(true)
  })

  it('offers a reporter only its own unit, and is not for roles that import nothing', async () => {
    const values = await codes(await template('lizhou'))
    expect(values).toContain('利州区（lizhou）')
    expect(values).not.toContain('苍溪县（cangxi）')
    expect((await template('auditor')).status).toBe(403)
    expect((await template('reviewer')).status).toBe(403)
  })
})
