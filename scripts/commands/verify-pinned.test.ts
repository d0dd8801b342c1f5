/**
 * Publications sealed by an earlier release keep verifying (docs/assessment-cycle.md "What the hash covers"): the
 * pinned log (scripts/testing/fixtures/README.md) was sealed once, in December 2026, and is never regenerated —
 * every later commit's `kaoping verify` must still find each publication 一致 under the hashes recorded then.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { verifyLog } from './verify'

const FIXTURE = join(import.meta.dirname, '../testing/fixtures/sealed-2026-12.ndjson')
const text = readFileSync(FIXTURE, 'utf8')

describe('kaoping verify on a log sealed by an earlier release', () => {
  it('finds every publication of the pinned log consistent with its events', () => {
    const verified = verifyLog(text, 'sealed-2026-12.ndjson')
    expect(verified.text.split('\n').filter((l) => l.includes('：一致  sha256 '))).toEqual([
      expect.stringContaining('sha256 9b5eb8b419eb2d2cccd46af6601ccd727409ccdb85de3fc3b49f25d7671c3a48'),
      expect.stringContaining('sha256 911dbf6ab334cc795765aad14d42537764f249a02dc490a1eb7f259c8fd4336e'),
      expect.stringContaining('sha256 453cbd4801d382c9eeb70a4ef4d6e0863589a3bcd2782e1b1089ff4f21eb1669'),
      expect.stringContaining('sha256 ed825d1b1223e5f63b15565a12f7e140ae12c6f2d71ebbd4346061e87356e8e9'),
    ])
    expect(verified.ok).toBe(true)
  })

  it('holds what a publication is about: cases, reviews, appeals, an adjustment, a 计0分 and a 一票否决', () => {
    const types = new Set(text.split('\n').flatMap((l) => (l ? [JSON.parse(l).type as string] : [])))
    for (const type of [
      'CaseOpened',
      'CaseDecided',
      'CaseClosed',
      'FactVerified',
      'IndicatorJudged',
      'SelfAssessmentSubmitted',
      'PointsAdjusted',
      'AppealFiled',
      'AppealDecided',
      'NotificationReceived',
      'VetoIncidentRecorded',
    ])
      expect(types.has(type), type).toBe(true)
    expect(text.match(/"seal":"substance"/g)).toHaveLength(4)
  })

  it('fails when a sealed figure is moved: one training of the year left out', () => {
    const lines = text.split('\n')
    const training = lines.findIndex((l) => l.includes('"type":"TrainingHeld"'))
    const moved = [...lines.slice(0, training), ...lines.slice(training + 1)].join('\n')
    const verified = verifyLog(moved, 'moved.ndjson')
    expect(verified.ok).toBe(false)
    expect(verified.text).toContain('不一致 — 首个不同：单位 ')
  })

  it('reads a publication that records no seal form as hashing the whole Result, and says so when it fails', () => {
    const unmarked = text.replace('"seal":"substance",', '')
    const verified = verifyLog(unmarked, 'unmarked.ndjson')
    expect(verified.ok).toBe(false)
    expect(verified.text).toContain('guangyuan-districts-2017 第 1 次发布')
    expect(verified.text).toContain(
      '注：该次发布的哈希范围为“完整结果，含计分说明文字（早期发布）”；仅计分说明措辞不同也会不一致'
    )
    expect(verified.text.match(/：一致 {2}sha256/g)).toHaveLength(3)
  })

  it('fails when a fact behind a figure is edited though no figure moves: a 考核组 reason rewritten', () => {
    const reason = '"reason":"普法宣传不到位被省厅通报，整改及时"'
    expect(text).toContain(reason)
    const verified = verifyLog(text.replace(reason, '"reason":"工作成效突出，无任何问题"'), 'reason.ndjson')
    expect(verified.ok).toBe(false)
    expect(verified.text).toContain('首个不同：单位 cangxi（苍溪县） 的 指标 J1')
  })

  it('refuses a publication whose seal form was stripped after publications sealed in a newer form', () => {
    const lines = text.split('\n')
    const third = lines.flatMap((l, i) => (l.includes('"type":"ResultPublished"') ? [i] : []))[2]!
    lines[third] = lines[third]!.replace('"seal":"substance",', '')
    const verified = verifyLog(lines.join('\n'), 'stripped.ndjson')
    expect(verified.ok).toBe(false)
    expect(verified.text).toContain(
      'guangyuan-districts-2017 第 2 次发布（最终结果，第 1 版，截至北京时间 2018-02-28 10:00，日志位置 970）：不一致 — 未记录哈希范围（早期发布方式），却在已按“完整结果及其所依据事件的内容，不含计分说明文字”封存的发布'
    )
  })

  it('was sealed under semantics 2: read under the old semantics, the upheld loss and the rest move, and it fails', () => {
    // The pin holds a loss upheld on appeal (lizhou), a closing counted for December (cangxi) and December
    // inspections dated back to each quarter (jiange), each read otherwise by semantics 1.
    expect(text).toContain('"outcome":"upheld"')
    const old = text.replaceAll('"semantics":2,', '')
    expect(old).not.toBe(text)
    const verified = verifyLog(old, 'semantics-1.ndjson')
    expect(verified.ok).toBe(false)
    expect(verified.text).toContain('guangyuan-districts-2017 第 1 次发布')
  })
})
