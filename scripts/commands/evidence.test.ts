import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { templateWorkbook } from '@kaoping/sheets'
import { createDirEvidenceStore, createSqliteEvidenceStore, sha256Of } from '@kaoping/store'
import { SAMPLES } from '@kaoping/store/testing/evidence'
import { describe, expect, it } from 'vitest'

const dir = mkdtempSync(join(tmpdir(), 'kaoping-evidence-cli-'))
const kaoping = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/kaoping.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, KAOPING_EVIDENCE_DIR: '', EVENTSTORE_URL: '' },
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const pdf = SAMPLES.pdf('cli plan')
const png = SAMPLES.png('cli sign-in')
const uncited = SAMPLES.jpeg('cli uncited')

const line = (n: number, type: string, data: object) =>
  JSON.stringify({
    id: `40000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    type,
    data,
    recordedAt: `2017-03-0${n}T00:00:00.000Z`,
  })
const EVENTS = [
  line(1, 'UnitRegistered', { unitId: 'jiange', name: '剑阁县', kind: 'district' }),
  line(2, 'DocumentIssued', {
    unitId: 'jiange',
    occurredOn: '2017-03-02',
    documentId: 'plan-2017',
    docType: 'rule_of_law_plan',
    title: '2017年法治人社建设实施方案',
    evidence: [{ sha256: sha256Of(pdf), name: '实施方案.pdf' }],
  }),
  line(3, 'TrainingHeld', {
    unitId: 'jiange',
    occurredOn: '2017-03-03',
    sessionId: 's1',
    kind: 'lecture',
    topic: '学法',
    attendees: 30,
    evidence: [{ sha256: sha256Of(png), name: '签到表.png' }],
  }),
].join('\n')

describe('kaoping export / import --evidence', () => {
  it('refuses an event file citing files that were not loaded, naming the line, and stores nothing', () => {
    const events = join(dir, 'alone.ndjson')
    writeFileSync(events, EVENTS)
    const r = kaoping('import', events, '--db', join(dir, 'alone.db'))
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      `alone.ndjson:2 data.evidence.0.sha256: 佐证材料 实施方案.pdf（${sha256Of(pdf)}）不存在，请先上传`
    )
    expect(kaoping('export', '--db', join(dir, 'alone.db')).stdout).toBe('')
  })

  it('round-trips the cited files: export writes them beside the events, import loads them before the events', async () => {
    // The files as they came in: a folder of the directory layout, with one file no event cites.
    const incoming = join(dir, 'incoming')
    const source = createDirEvidenceStore({ dir: incoming })
    await source.put({ bytes: pdf, mediaType: 'application/pdf', name: '实施方案.pdf' })
    await source.put({ bytes: png, mediaType: 'image/png', name: '签到表.png' })
    await source.put({ bytes: uncited, mediaType: 'image/jpeg', name: '未引用.jpg' })
    const events = join(dir, 'events.ndjson')
    writeFileSync(events, EVENTS)
    const first = join(dir, 'first.db')
    expect(kaoping('import', events, '--db', first, '--evidence', incoming)).toMatchObject({
      code: 0,
      stdout: '已导入 3 个佐证材料\n已导入 3 条事件，跳过已存在的 0 条\n',
    })

    const out = join(dir, 'out')
    const exported = kaoping('export', '--db', first, '--evidence', out)
    expect(exported.code).toBe(0)
    // Only the cited files, named by hash, with their metadata.
    const cited = [sha256Of(pdf), sha256Of(png)].sort()
    expect(
      readdirSync(out)
        .filter((n) => /^[0-9a-f]{64}$/.test(n))
        .sort()
    ).toEqual(cited)

    const log = join(dir, 'exported.ndjson')
    writeFileSync(log, exported.stdout)
    const second = join(dir, 'second.db')
    expect(kaoping('import', log, '--db', second, '--evidence', out).stdout).toBe(
      '已导入 2 个佐证材料\n已导入 3 条事件，跳过已存在的 0 条\n'
    )
    const evidence = createSqliteEvidenceStore({ path: second })
    try {
      expect(await evidence.list()).toEqual([
        ...[
          { sha256: sha256Of(pdf), size: pdf.length, mediaType: 'application/pdf', name: '实施方案.pdf' },
          { sha256: sha256Of(png), size: png.length, mediaType: 'image/png', name: '签到表.png' },
        ].sort((a, b) => a.sha256.localeCompare(b.sha256)),
      ])
      expect(Buffer.from((await evidence.get(sha256Of(pdf)))!.bytes).equals(Buffer.from(pdf))).toBe(true)
      // The imported facts make the files their unit's: 剑阁's reporter may read them.
      expect(await evidence.isReferencedBy(sha256Of(png), 'jiange')).toBe(true)
    } finally {
      await evidence.close()
    }
  })

  it('refuses an evidence folder holding a file of another kind, before any event is stored', async () => {
    const folder = join(dir, 'bad-folder')
    await createDirEvidenceStore({ dir: folder }).put({
      bytes: SAMPLES.text(),
      mediaType: 'application/pdf',
      name: '伪装.pdf',
    })
    const events = join(dir, 'bad.ndjson')
    writeFileSync(events, EVENTS)
    const r = kaoping('import', events, '--db', join(dir, 'bad.db'), '--evidence', folder)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('伪装.pdf：按内容识别为无法识别的文件')
  })

  it('imports a spreadsheet whose 佐证材料 column names files put beside it, and places a name without its file', async () => {
    const folder = join(dir, 'sheet-files')
    mkdirSync(folder)
    writeFileSync(join(folder, '签到表.png'), png)
    const training = (sessionId: string, name: string) => ({
      type: 'TrainingHeld',
      data: {
        unitId: 'jiange',
        occurredOn: '2017-03-03',
        sessionId,
        kind: 'lecture',
        topic: '学法',
        attendees: 30,
        evidence: [{ sha256: sha256Of(png), name }],
      },
    })
    const unit = { type: 'UnitRegistered', data: { unitId: 'jiange', name: '剑阁县', kind: 'district' } }
    const sheet = join(dir, 'with-evidence.xlsx')
    writeFileSync(sheet, await templateWorkbook([unit, training('t1', '签到表.png')]))
    const db = join(dir, 'sheet.db')
    expect(kaoping('import', sheet, '--db', db, '--evidence', folder)).toMatchObject({
      code: 0,
      stdout: '已导入 1 个佐证材料\n已导入 2 条事件\n',
    })
    const stored = JSON.parse(kaoping('export', '--db', db).stdout.trim().split('\n')[1]!)
    expect(stored.data.evidence).toEqual([{ sha256: sha256Of(png), name: '签到表.png' }])

    const missing = join(dir, 'missing-file.xlsx')
    writeFileSync(missing, await templateWorkbook([training('t2', '照片.jpg')]))
    const r = kaoping('import', missing, '--db', db, '--evidence', folder)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(
      /missing-file\.xlsx 学法、培训、考试!\w+2（佐证材料）：佐证材料 照片\.jpg 未随表格提供/
    )
  })
})
