/**
 * The web page in real headless Chromium (Debian's `chromium`, driven by playwright-core) against a real
 * server process with the demo city: log in, see the ranking, open a unit, replay as of a date and see
 * 苍溪's 计0分 disappear, download a file, and a reporter landing on its own unit. Screenshots go to
 * docs/screenshots/ (shown in the README).
 */
import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { templateWorkbook } from '@kaoping/sheets'
import ExcelJS from 'exceljs'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServerProcess } from './testing/server-process'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const ADMIN = 'browser-test-admin-token-0123456789'
const REPORTER = 'browser-test-reporter-token-0123456789'

let server: ChildProcess
let url: string
let browser: Browser

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`找不到 Chromium（${CHROMIUM}）：请运行 pnpm browsers 或 apt-get install chromium`)
  const dir = mkdtempSync(join(tmpdir(), 'kaoping-web-'))
  const started = await startServerProcess({
    KAOPING_DB: join(dir, 'k.db'),
    KAOPING_TOKENS: JSON.stringify([
      { token: ADMIN, role: 'admin', name: '市局' },
      { token: REPORTER, role: 'reporter', unitId: 'lizhou' },
    ]),
  })
  server = started.child
  url = started.url
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
})

afterAll(async () => {
  await browser?.close()
  server?.kill('SIGTERM')
})

const login = async (token: string): Promise<Page> => {
  const page = await browser.newPage({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    locale: 'zh-CN',
  })
  await page.goto(url)
  await page.fill('input[name=token]', token)
  await page.click('#login button[type=submit]')
  return page
}

const rowOf = (page: Page, unitId: string) => page.locator(`#ranking tr[data-unit="${unitId}"]`)

describe('the web page', () => {
  it('logs in, ranks the eight districts with marks, and opens a unit down to its events', async () => {
    const page = await login(ADMIN)
    await page.waitForSelector('#ranking tbody tr')
    expect(await page.locator('#ranking tbody tr').count()).toBe(8)
    await expect.poll(() => rowOf(page, 'cangxi').locator('.mark').allTextContents()).toContain('计0分')
    expect(await rowOf(page, 'chaotian').locator('.mark').allTextContents()).toContain('一票否决')
    await page.waitForSelector('#chart canvas')
    await page.screenshot({ path: 'docs/screenshots/ranking.png', fullPage: true })

    await rowOf(page, 'zhaohua').locator('a').click()
    await page.waitForSelector('#unit table.indicators')
    expect(await page.locator('#unit h2').first().textContent()).toContain('昭化区')
    expect(await page.locator('table.indicators tr[data-indicator="E1"]').count()).toBe(1)
    expect(await page.locator('#events tbody tr').count()).toBe(20)
    await page.screenshot({ path: 'docs/screenshots/unit.png', fullPage: true })
    await page.close()
  })

  it('replays the ranking as of 2017-08-01, before 苍溪 was censured: no 计0分, a total above zero', async () => {
    const page = await login(ADMIN)
    await page.waitForSelector('#ranking tbody tr')
    expect(await rowOf(page, 'cangxi').locator('.total').textContent()).toBe('0.00')
    await page.fill('input[name=asOf]', '2017-08-01')
    await page.click('#replay')
    await page.waitForFunction(() => document.querySelector('h2')?.textContent?.includes('2017-08-01'))
    expect(await rowOf(page, 'cangxi').locator('.mark').count()).toBe(0)
    expect(Number(await rowOf(page, 'cangxi').locator('.total').textContent())).toBeGreaterThan(0)
    await page.close()
  })

  it('downloads the ranking as CSV with one row per district', async () => {
    const page = await login(ADMIN)
    await page.waitForSelector('#ranking tbody tr')
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv')])
    const text = readFileSync((await download.path())!, 'utf8')
    expect(text.trim().split(/\r?\n/)).toHaveLength(9)
    await page.close()
  })

  it('downloads the ranking as XLSX that reads back with the same totals as the page', async () => {
    const page = await login(ADMIN)
    await page.waitForSelector('#ranking tbody tr')
    const shown = await page.locator('#ranking .total').allTextContents()
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#xlsx')])
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ExcelJS.Buffer)
    const totals = wb.getWorksheet('排名')!.getColumn(4).values.slice(2) as number[]
    expect(totals.map((t) => t.toFixed(2))).toEqual(shown)
    await page.close()
  })

  it('uploads a filled template: a bad row is refused with its place, a good file is counted', async () => {
    const page = await login(ADMIN)
    await page.waitForSelector('#upload')
    const dir = mkdtempSync(join(tmpdir(), 'kaoping-upload-'))
    const row = {
      type: 'TrainingHeld',
      data: {
        unitId: 'lizhou',
        occurredOn: '2017-12-01',
        sessionId: 'web-1',
        kind: 'lecture',
        topic: '网页上传',
        attendees: 25,
      },
    }
    const good = join(dir, 'good.xlsx')
    writeFileSync(good, await templateWorkbook([row]))
    const bad = join(dir, 'bad.xlsx')
    writeFileSync(bad, await templateWorkbook([{ ...row, data: { ...row.data, unitId: 'nowhere' } }]))
    await page.setInputFiles('#upload input[type=file]', bad)
    await page.click('#upload button[type=submit]')
    await page.waitForSelector('#upload-result .error')
    expect(await page.locator('#upload-result li').first().textContent()).toContain('学法、培训、考试!B2')
    await page.setInputFiles('#upload input[type=file]', good)
    await page.click('#upload button[type=submit]')
    await expect.poll(() => page.locator('#upload-result').textContent()).toContain('已导入 1 条事件')
    await page.close()
  })

  it('shows a reporter its own unit only', async () => {
    const page = await login(REPORTER)
    await page.waitForSelector('#unit table.indicators')
    expect(await page.locator('#unit h2').first().textContent()).toContain('利州区')
    await page.close()
  })
})
