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
      expect.stringContaining('sha256 f35503a09ad498293672efeaa12013adc8772659b55813d4dd32a8c8a3950994'),
      expect.stringContaining('sha256 e7e832a2fac7d96f507b54c2936a17b270f726eef5bc2457e0b46b064d144b96'),
      expect.stringContaining('sha256 93c682fefab606900d8dafa5281ebb841ac44f746329b2a40d2acebbac69f835'),
      expect.stringContaining('sha256 3d98c38b63d1a9ee01def7d2978fc2e5f4bbe89eef557fa0666ca45515f429ad'),
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
})
