/**
 * Issue #16: "no UTC ISO string in any table, CSV, workbook or diff output a person reads". Every output meant for
 * people, on the demo city, is scanned for an ISO instant (`2017-06-30T16:00`); each must say Beijing time instead.
 * JSON and NDJSON are for programs and keep ISO instants (SPEC §3).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'

const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/
const SCHEME = 'guangyuan-districts-2017'
const dir = mkdtempSync(join(tmpdir(), 'kaoping-beijing-'))
const db = join(dir, 'k.db')
const demo = join(dir, 'demo.ndjson')

const kaoping = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/kaoping.ts', ...args], {
    encoding: 'utf8',
  })
  expect(r.stderr).toBe('')
  expect(r.status).toBe(0)
  return r.stdout
}

/** Every cell's text of every sheet, as `sheet!A1 text`. */
const cells = async (path: string): Promise<string[]> => {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(path)
  const out: string[] = []
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        out.push(`${ws.name}!${cell.address} ${cell.text}`)
      })
    )
  )
  return out
}

const isoLines = (text: string) => text.split('\n').filter((l) => ISO_INSTANT.test(l))

describe('what a person reads states instants in Beijing time', () => {
  beforeAll(() => {
    kaoping('seed', '--out', demo)
    kaoping('import', demo, '--db', db)
  }, 120_000)

  it('prints rankings as tables and CSV without an ISO instant, now and as of a date on both bases', () => {
    for (const asOf of [[], ['--as-of', '2017-06-30'], ['--as-of', '2017-06-30', '--basis', 'occurred']])
      for (const format of ['table', 'csv']) {
        const out = kaoping('ranking', '--scheme', SCHEME, ...asOf, '--format', format, '--db', db)
        expect(out).toContain('剑阁县')
        expect(isoLines(out)).toEqual([])
      }
  })

  it('prints a diff between two instants without an ISO instant', () => {
    const out = kaoping(
      'diff',
      '--scheme',
      SCHEME,
      '--from',
      '2017-06-30',
      '--to',
      '2017-12-31T08:00:00Z',
      '--db',
      db
    )
    expect(out).toContain('北京时间')
    expect(isoLines(out)).toEqual([])
  })

  it('writes the year-end workbook (every sheet, the audit sheet included) without an ISO instant', async () => {
    const out = join(dir, 'report.xlsx')
    kaoping('report', '--scheme', SCHEME, '--out', out, '--db', db)
    const all = await cells(out)
    expect(all.length).toBeGreaterThan(100)
    expect(all.filter((c) => ISO_INSTANT.test(c))).toEqual([])
  })

  it('writes a replayed ranking as a workbook and as CSV without an ISO instant', async () => {
    const replay = (...format: string[]) =>
      kaoping(
        'replay',
        '--events',
        demo,
        '--scheme',
        'examples/schemes/districts-2017.json',
        '--as-of',
        '2017-06-30',
        ...format
      )
    const out = join(dir, 'replay.xlsx')
    replay('--format', 'xlsx', '--out', out)
    expect((await cells(out)).filter((c) => ISO_INSTANT.test(c))).toEqual([])
    const csv = replay('--format', 'csv')
    expect(isoLines(csv)).toEqual([])
  })
})
