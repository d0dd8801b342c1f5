/**
 * The web page in real headless Chromium (Debian's `chromium`, driven by playwright-core; zh-CN, Asia/Shanghai) against
 * a real server process with the demo city: log in, see the ranking, open a unit, replay as of a date and see 苍溪's
 * 计0分 disappear, download a file, a reporter landing on its own unit — then each role through the year: a reporter
 * records a training with a file, the 考核组 returns it with a reason, the reporter corrects it, the city publishes the
 * preliminary result, the reporter appeals, the city decides and publishes the final result, and an auditor opens the
 * trend chart and the 通报 print view. Every view's whole text is checked for raw UTC instants and field codes.
 * Screenshots go to docs/screenshots/ (shown in the README).
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
const REVIEWER = 'browser-test-reviewer-token-0123456789'
const AUDITOR = 'browser-test-auditor-token-0123456789'

let server: ChildProcess
let url: string
let browser: Browser

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`找不到 Chromium（${CHROMIUM}）：请运行 pnpm browsers 或 apt-get install chromium`)
  const dir = mkdtempSync(join(tmpdir(), 'kaoping-web-'))
  const started = await startServerProcess({
    // The demo year before its assessment: the cycle is walked through below, on the page.
    KAOPING_DEMO: 'year',
    KAOPING_DB: join(dir, 'k.db'),
    KAOPING_TOKENS: JSON.stringify([
      { token: ADMIN, role: 'admin', name: '市局' },
      { token: REPORTER, role: 'reporter', unitId: 'lizhou', name: '利州区填报员' },
      { token: REVIEWER, role: 'reviewer', name: '考核组' },
      { token: AUDITOR, role: 'auditor', name: '审计组' },
    ]),
  })
  server = started.child
  url = started.url
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--lang=zh-CN'] })
})

afterAll(async () => {
  await browser?.close()
  server?.kill('SIGTERM')
})

const login = async (token: string, viewport = { width: 1280, height: 900 }): Promise<Page> => {
  const page = await browser.newPage({
    viewport,
    acceptDownloads: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  await page.goto(url)
  await page.fill('input[name=token]', token)
  await page.click('#login button[type=submit]')
  return page
}

/** A raw ISO instant (`2018-01-01T09:16`), a camelCase field code (`occurredOn`) or a snake_case code (`labor_inspection`). */
const RAW = [/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, /\b[a-z]+[A-Z][A-Za-z]*\b/, /\b[a-z]+_[a-z_]+\b/]

/** The whole body text of the view now shown: Beijing time and Chinese labels only. */
const checkText = async (page: Page) => {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a person reads (no hidden nodes)
  const text = await page.locator('body').innerText()
  for (const re of RAW) expect(text.match(re)?.[0], `${re} in the page text`).toBeUndefined()
  // Nothing wider than the window: no layout break.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
}

/** The view the hash names is rendered (no render in flight). */
const settled = (page: Page, hash: string) =>
  page.waitForFunction(
    (h) => location.hash.includes(h) && !document.querySelector('main')?.hasAttribute('aria-busy'),
    hash
  )

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: false })

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

  it('downloads the import template from the page, its units named, and takes it back filled in by name', async () => {
    const page = await login(ADMIN)
    await page.waitForSelector('#upload')
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#template-download')])
    expect(download.suggestedFilename()).toBe('事件导入模板.xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ExcelJS.Buffer)
    const codes: string[] = []
    wb.getWorksheet('代码表')!.eachRow((row) => row.eachCell((c) => void codes.push(c.text)))
    expect(codes).toContain('利州区（lizhou）')
    wb.getWorksheet('学法、培训、考试')!.addRow([
      '',
      '利州区（lizhou）',
      '2017-12-02',
      'web-2',
      '法治讲座',
      '模板下载',
      18,
    ])
    const filled = join(mkdtempSync(join(tmpdir(), 'kaoping-template-')), 'filled.xlsx')
    await wb.xlsx.writeFile(filled)
    await page.setInputFiles('#upload input[type=file]', filled)
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

describe('each role through the year', () => {
  const pdf = join(mkdtempSync(join(tmpdir(), 'kaoping-evidence-')), '签到表.pdf')
  writeFileSync(pdf, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
  const REASON = '签到表与参加人数不符'
  let trainingId = ''

  it('a reporter records a training with a file and sees it 待审核 (a bad field gets its message in place)', async () => {
    const page = await login(REPORTER)
    await page.waitForSelector('#unit table.indicators')
    await checkText(page)
    await page.click('nav a[href="#/report"]')
    await page.waitForSelector('#form-TrainingHeld')
    await page.fill('#f-TrainingHeld-occurredOn', '2017-11-20')
    await page.fill('#f-TrainingHeld-sessionId', 'web-training-1')
    await page.selectOption('#f-TrainingHeld-kind', { label: '法治讲座' })
    await page.fill('#f-TrainingHeld-attendees', '-3')
    await page.click('#form-TrainingHeld button[type=submit]')
    await expect
      .poll(() => page.locator('[data-field="topic"] .field-error').textContent(), { timeout: 15_000 })
      .toContain('缺少必填字段')
    expect(await page.locator('[data-field="attendees"] .field-error').textContent()).toContain('非负整数')
    await page.fill('#f-TrainingHeld-topic', '《劳动合同法》专题讲座')
    await page.fill('#f-TrainingHeld-attendees', '30')
    await page.setInputFiles('#f-TrainingHeld-evidence', pdf)
    await page.click('#form-TrainingHeld button[type=submit]')
    await page.waitForSelector('#report-done')
    const row = page.locator('#facts tbody tr').first()
    expect(await row.textContent()).toContain('《劳动合同法》专题讲座')
    expect(await row.textContent()).toContain('待审核')
    expect(await row.textContent()).toContain('签到表.pdf')
    trainingId = (await row.getAttribute('data-event')) ?? ''
    await checkText(page)
    await shot(page, 'report')
    await page.close()
  })

  it('the 考核组 returns it with a reason from its queue', async () => {
    const page = await login(REVIEWER)
    await page.waitForSelector('#review')
    await checkText(page)
    await page.selectOption('#r-unit', 'lizhou')
    await page.click('#review form button[type=submit]')
    await settled(page, 'unit=lizhou')
    const row = page.locator(`#review tr[data-event="${trainingId}"]`)
    await row.waitFor()
    expect(await row.textContent()).toContain('签到表.pdf')
    await shot(page, 'review')
    // Keyboard: the reason field, then Enter returns the fact.
    await row.locator('input.reason').focus()
    await page.keyboard.type(REASON)
    await page.keyboard.press('Enter')
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 15_000 }).toBe('returned')
    await row.locator('xpath=following-sibling::tr[1]').locator('button.verify').click()
    await checkText(page)
    await page.click('nav a[href="#/judge"]')
    await page.waitForSelector('#judge .judged')
    expect(await page.locator('#judge .rubric').first().textContent()).toContain('评分标准')
    await checkText(page)
    await page.close()
  })

  it('the reporter sees the reason and corrects the training', async () => {
    const page = await login(REPORTER)
    await page.waitForSelector('#unit')
    await page.goto(`${url}/#/report?status=returned`)
    const row = page.locator(`#facts tr[data-event="${trainingId}"]`)
    await row.waitFor()
    expect(await row.textContent()).toContain(`退回原因：${REASON}`)
    await checkText(page)
    await shot(page, 'returned')
    await row.locator('button.correct').click()
    await page.waitForSelector('#correcting')
    expect(await page.inputValue('#f-TrainingHeld-topic')).toBe('《劳动合同法》专题讲座')
    await page.fill('#f-TrainingHeld-attendees', '28')
    await page.fill('#correct-reason', '按签到表更正参加人数')
    await page.click('#form-TrainingHeld button[type=submit]')
    await page.waitForSelector('#report-done')
    const first = page.locator('#facts tbody tr').first()
    expect(await first.textContent()).toContain('参加人数 28')
    expect(await first.textContent()).toContain('待审核')
    expect(await page.locator(`#facts tr[data-event="${trainingId}"]`).count()).toBe(0)
    await page.close()
  })

  it('the city publishes the preliminary result after confirming the counts', async () => {
    const page = await login(ADMIN)
    await page.waitForSelector('#ranking')
    await page.click('nav a[href="#/cycle"]')
    await page.waitForSelector('#publish-preliminary')
    expect(await page.locator('#cycle h2').textContent()).toContain('当前阶段：审核')
    await page.click('#publish-preliminary')
    expect(await page.locator('#confirm-counts').textContent()).toMatch(
      /尚有 \d+ 条事实待审核，0 件申诉未复核/
    )
    await page.click('#confirm-publish')
    await page.waitForSelector('#publications tr[data-stage="preliminary"]')
    expect(await page.locator('#cycle h2').textContent()).toContain('当前阶段：公示')
    await checkText(page)
    await page.close()
  })

  it('the reporter assesses itself and appeals during 公示', async () => {
    const page = await login(REPORTER)
    await page.waitForSelector('#unit')
    await page.click('nav a[href="#/self"]')
    await page.waitForSelector('#appeal-form')
    await page.fill('#self-B1', '2')
    await page.click('#self-form button[type=submit]')
    await page.waitForSelector('#self-saved')
    await page.selectOption('#appeal-indicator', 'B1')
    await page.fill('#appeal-reason', '第四季度讲座签到表已补齐')
    await page.click('#appeal-form button[type=submit]')
    await page.waitForSelector('#my-appeals tr[data-status="pending"]')
    await checkText(page)
    await shot(page, 'self')
    await page.close()
  })

  it('the city decides the appeal and publishes the final result', async () => {
    const page = await login(ADMIN)
    await page.waitForSelector('#ranking')
    await page.goto(`${url}/#/cycle`)
    const appeal = page.locator('#appeals tr[data-status="pending"]')
    await appeal.waitFor()
    await appeal.locator('select').selectOption('upheld')
    await appeal.locator('input[type=text]').fill('经复核签到表齐全')
    await appeal.locator('input[type=number]').fill('0.5')
    await appeal.locator('button.decide-btn').click()
    await page.waitForSelector('#appeals tr[data-status="upheld"]')
    await page.click('#publish-final')
    expect(await page.locator('#confirm-counts').textContent()).toContain('0 件申诉未复核')
    await page.click('#confirm-publish')
    await page.waitForSelector('#publications tr[data-stage="final"]')
    expect(await page.locator('#cycle h2').textContent()).toContain('当前阶段：终评')
    await checkText(page)
    await shot(page, 'cycle')
    await page.close()
  })

  it('an auditor reads the ranking against the publication, the trend chart and the 通报 print view', async () => {
    const page = await login(AUDITOR, { width: 1920, height: 1080 })
    await page.waitForSelector('#ranking tbody tr')
    await page.waitForSelector('#published-note')
    await checkText(page)
    await page.click('nav a[href="#/trend"]')
    await page.waitForSelector('#trend-chart canvas')
    expect(await page.locator('#trend-table tbody tr').count()).toBe(8)
    await checkText(page)
    await shot(page, 'trend')
    await page.click('nav a[href="#/diff"]')
    await page.waitForSelector('#diff-default')
    await checkText(page)
    await page.goto(`${url}/#/unit?unit=lizhou`)
    await page.waitForSelector('#unit #radar canvas')
    await page.locator('#unit details.exceptions').first().click()
    await checkText(page)
    await page.click('nav a[href="#/cycle"]')
    const print = page.locator('#publications tr[data-stage="final"] button.print')
    await print.waitFor()
    const [popup] = await Promise.all([page.waitForEvent('popup'), print.click()])
    await popup.waitForLoadState()
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a person reads
    const text = await popup.locator('body').innerText()
    expect(text).toContain('利州区')
    expect(text).not.toMatch(RAW[0]!)
    await popup.setViewportSize({ width: 1280, height: 900 })
    await popup.screenshot({ path: 'docs/screenshots/print.png' })
    await page.close()
  })

  it('keeps every main view within a 1280×720 window', async () => {
    const page = await login(ADMIN, { width: 1280, height: 720 })
    await page.waitForSelector('#ranking tbody tr')
    for (const view of ['cycle', 'review', 'trend', 'diff']) {
      await page.goto(`${url}/#/${view}`)
      await page.waitForSelector(`main[data-view="${view}"]`)
      await checkText(page)
    }
    // Keyboard: the menu is reachable by Tab.
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('A')
    await page.close()
  })
})
