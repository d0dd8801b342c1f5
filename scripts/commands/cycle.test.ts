/**
 * The assessment cycle end to end against a real server process (SPEC §8): publish the preliminary result, a
 * reporter appeals, the city decides, publish the final result, record a later event — the final publication is
 * served byte for byte unchanged while the live ranking moved (its sealed bytes hash to the recorded sha256).
 * Then `kaoping verify` (offline) accepts the server's export and rejects a tampered one (a 通报 whose issuer was
 * edited), naming the unit.
 */
import { type ChildProcess, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { learningScheme, trainingEvent } from '@kaoping/core/testing/small-city'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ServerProcess, startServerProcess } from '../testing/server-process'

const ADMIN = 'cycle-test-admin-token-0123456789'
const LIZHOU = 'cycle-test-lizhou-token-0123456789'
const TOKENS = JSON.stringify([
  { token: ADMIN, role: 'admin', name: '市局' },
  { token: LIZHOU, role: 'reporter', unitId: 'lizhou', name: '利州区填报员' },
])
const SCHEME = learningScheme({
  schemeId: 'cycle-2026',
  title: '2026年度法治人社建设目标考核办法（测试）',
  rules: [
    {
      id: 'zero-publicity',
      kind: 'zero',
      scope: 'total',
      name: '因政策法规宣传不到位被省厅通报并限期整改的，计0分',
      when: { metric: { count: 'NotificationReceived', where: { issuer: 'province' } }, gte: 1 },
    },
  ],
})
const training = (unitId: string) => trainingEvent(unitId, '2026-05-10')
const appealUntil = new Date(Date.now() + 7 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

const dir = mkdtempSync(join(tmpdir(), 'kaoping-cycle-'))
let server: ServerProcess
const children: ChildProcess[] = []
beforeAll(async () => {
  server = await startServerProcess({
    KAOPING_DB: join(dir, 'k.db'),
    KAOPING_TOKENS: TOKENS,
    KAOPING_DEMO: '0',
  })
  children.push(server.child)
})
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL')
})

const call = async (method: string, path: string, token: string, body?: unknown) => {
  const send = () =>
    fetch(`${server.url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  // A kept-alive connection the server closed while idle (its keep-alive timeout) fails once: a GET asks again.
  const res = await send().catch((e) => (method === 'GET' ? send() : Promise.reject(e)))
  const text = await res.text()
  return { status: res.status, text, json: text.startsWith('{') ? JSON.parse(text) : undefined }
}
const kaoping = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/kaoping.ts', ...args], {
    encoding: 'utf8',
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}
const PUBLICATIONS = '/v1/schemes/cycle-2026/publications'
const totals = async () => {
  let r = await call('GET', '/v1/schemes/cycle-2026/ranking?view=full', ADMIN)
  // Reads wait up to 5 s for the projection thread; on a loaded machine, ask again.
  for (let i = 0; i < 5 && r.status === 503; i++)
    r = await call('GET', '/v1/schemes/cycle-2026/ranking?view=full', ADMIN)
  if (!r.json?.units) throw new Error(`${r.status} ${r.text.slice(0, 500)}`)
  return r.json.units.map((u: { unitId: string; total: string }) => `${u.unitId}:${u.total}`)
}

describe('the assessment cycle, served by a real process', () => {
  it('keeps the final publication byte for byte while the live ranking moves on', async () => {
    expect((await call('POST', '/v1/schemes', ADMIN, SCHEME)).status).toBe(201)
    const setup = await call('POST', '/v1/events', ADMIN, {
      events: [
        { type: 'UnitRegistered', data: { unitId: 'lizhou', name: '利州区', kind: 'district' } },
        { type: 'UnitRegistered', data: { unitId: 'cangxi', name: '苍溪县', kind: 'district' } },
        training('lizhou'),
        training('lizhou'),
        training('cangxi'),
        training('cangxi'),
        training('cangxi'),
        {
          type: 'NotificationReceived',
          data: {
            unitId: 'cangxi',
            occurredOn: '2026-06-01',
            notificationId: 'n-1',
            issuer: 'province',
            reason: 'policy_publicity_inadequate',
            rectificationRequired: true,
          },
        },
      ],
    })
    expect(setup.status).toBe(201)

    const preliminary = await call('POST', PUBLICATIONS, ADMIN, { stage: 'preliminary', appealUntil })
    expect(preliminary.status).toBe(201)
    const appeal = await call('POST', '/v1/events', LIZHOU, {
      events: [
        {
          type: 'AppealFiled',
          data: {
            unitId: 'lizhou',
            occurredOn: '2026-06-10',
            appealId: 'lz-1',
            schemeId: 'cycle-2026',
            indicatorId: 'A1',
            reason: '第三次培训漏计',
          },
        },
      ],
    })
    expect(appeal.status).toBe(201)
    const decided = await call('POST', '/v1/events', ADMIN, {
      events: [
        {
          type: 'AppealDecided',
          data: {
            unitId: 'lizhou',
            occurredOn: '2026-06-12',
            appealId: 'lz-1',
            decision: 'upheld',
            reason: '经复核，培训签到表齐全',
            points: 2.5,
          },
        },
      ],
    })
    expect(decided.status).toBe(201)
    const final = await call('POST', PUBLICATIONS, ADMIN, {
      stage: 'final',
      docNumber: '广人社发〔2026〕9号',
    })
    expect(final.status).toBe(201)
    expect(final.json).toMatchObject({ n: 2, stage: 'final' })

    const frozen = await call('GET', `${PUBLICATIONS}/2`, ADMIN)
    expect(frozen.status).toBe(200)
    expect(sha((await call('GET', `${PUBLICATIONS}/2?form=sealed`, ADMIN)).text)).toBe(final.json.sha256)
    const liveBefore = await totals()

    expect((await call('POST', '/v1/events', LIZHOU, { events: [training('lizhou')] })).status).toBe(201)
    const liveAfter = await totals()
    expect(liveAfter).not.toEqual(liveBefore)
    // A third training: 3/4 of 10 = 7.50, plus the upheld appeal's 2.50 on the same indicator = 10.00.
    expect(liveAfter).toContain('lizhou:10.00')

    const again = await call('GET', `${PUBLICATIONS}/2`, ADMIN)
    expect(again.text).toBe(frozen.text)
    // A reporter reads its own entry of the same frozen Result.
    const own = await call('GET', `${PUBLICATIONS}/2`, LIZHOU)
    expect(own.json.units).toEqual(
      JSON.parse(frozen.text).units.filter((u: { unitId: string }) => u.unitId === 'lizhou')
    )
    expect((await call('GET', '/v1/schemes/cycle-2026/appeals', LIZHOU)).json.appeals).toMatchObject([
      { appealId: 'lz-1', status: 'upheld', adjustment: '2.50' },
    ])
    // Appeals are closed for good after the final publication.
    const late = await call('POST', '/v1/events', LIZHOU, {
      events: [
        {
          type: 'AppealFiled',
          data: {
            unitId: 'lizhou',
            occurredOn: '2026-06-20',
            appealId: 'lz-2',
            schemeId: 'cycle-2026',
            reason: '再申诉',
          },
        },
      ],
    })
    expect(late.status).toBe(422)
  })

  it('`kaoping verify` accepts the export and rejects a tampered one, naming the unit', async () => {
    const exported = await fetch(`${server.url}/v1/events/export`, {
      headers: { Authorization: `Bearer ${ADMIN}` },
    })
    const text = await exported.text()
    const file = join(dir, 'export.ndjson')
    writeFileSync(file, text)
    const ok = kaoping('verify', '--events', file)
    expect(ok.stderr).toBe('')
    expect(ok.code).toBe(0)
    expect(ok.stdout.match(/：一致/g)).toHaveLength(2)
    expect(ok.stdout).toContain('cycle-2026 第 2 次发布（最终结果，第 1 版')

    // The same log as a store that numbers positions differently would export it (EventStoreDB, a re-import).
    const renumbered = join(dir, 'renumbered.ndjson')
    writeFileSync(
      renumbered,
      text.replace(/"position":"(\d+)"}$/gm, (_m, p: string) => `"position":"${BigInt(p) * 7n + 1000n}"}`)
    )
    expect(kaoping('verify', '--events', renumbered)).toMatchObject({ code: 0 })

    const tampered = join(dir, 'tampered.ndjson')
    const lines = text
      .split('\n')
      .map((l) =>
        l.includes('"type":"NotificationReceived"') ? l.replace('"issuer":"province"', '"issuer":"city"') : l
      )
    expect(lines.join('\n')).not.toBe(text)
    writeFileSync(tampered, lines.join('\n'))
    const bad = kaoping('verify', '--events', tampered)
    expect(bad.code).toBe(1)
    expect(bad.stdout).toContain('不一致 — 首个不同：单位 cangxi（苍溪县）')
    expect(bad.stdout).toContain('核验未通过')
  })

  it('`kaoping report --publication 2` writes the workbook of the final publication: ranking, 计0分, upheld appeal, hash', async () => {
    const listed = await call('GET', PUBLICATIONS, ADMIN)
    const out = join(dir, '通报.xlsx')
    const r = kaoping(
      'report',
      '--scheme',
      'cycle-2026',
      '--publication',
      '2',
      '--out',
      out,
      '--db',
      join(dir, 'k.db')
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(out)
    const sheet = wb.getWorksheet('发布与核验')!
    const rows = sheet.getSheetValues().flatMap((row) => (Array.isArray(row) ? [row.slice(1).join(' ')] : []))
    expect(rows).toContain(`SHA-256 ${listed.json.publications[1].sha256}`)
    expect(rows).toContain('哈希范围 完整结果及其所依据事件的内容，不含计分说明文字')
    expect(rows).toContain('文号 广人社发〔2026〕9号')
    expect(
      rows.some((x) => x.startsWith('计0分 苍溪县：因政策法规宣传不到位被省厅通报并限期整改的，计0分'))
    ).toBe(true)
    expect(rows).toContain(
      '申诉支持 利州区 指标 A1：第三次培训漏计 → 支持：经复核，培训签到表齐全（调整 2.50 分）'
    )
    expect(
      kaoping(
        'report',
        '--scheme',
        'cycle-2026',
        '--publication',
        '9',
        '--out',
        out,
        '--db',
        join(dir, 'k.db')
      ).code
    ).toBe(2)
  })

  it('`kaoping verify` exits 2 for a file that is not an event log', () => {
    const file = join(dir, 'bad.ndjson')
    writeFileSync(file, 'not json\n')
    const r = kaoping('verify', '--events', file)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('bad.ndjson:1')
    expect(kaoping('verify').code).toBe(2)
  })
})
