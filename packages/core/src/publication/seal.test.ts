import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { readLog } from '../log/read-log'
import { canonicalJson, sha256Hex } from '../primitives/canonical-json'
import type { Result } from '../result/result'
import { fact, training, unitRegistered } from '../testing/facts'
import { logBuilder } from '../testing/log-builder'
import {
  checkPublication,
  describeDifference,
  factsFrom,
  firstDifference,
  publicationData,
  publicationResult,
  seal,
} from './seal'
import { SEAL_FORM, substanceOf } from './substance'

const scheme = {
  schemeId: 'test-2017',
  version: 1,
  title: '测试办法',
  appliesTo: 'district',
  period: { from: '2017-01-01', to: '2017-12-31' },
  categories: [
    {
      id: 'main',
      name: '主类别',
      max: 4,
      indicators: [
        {
          id: 'B1',
          name: '学法不少于4次',
          max: 4,
          metric: { count: 'TrainingHeld' },
          scoring: { kind: 'linear', target: 4 },
        },
      ],
    },
  ],
  grades: [{ name: '合格', min: 0 }],
  rules: [
    {
      id: 'zero-notice',
      kind: 'zero',
      scope: 'total',
      name: '被省厅通报的，计0分',
      when: { metric: { count: 'NotificationReceived', where: { issuer: 'province' } }, gte: 1 },
    },
  ],
}

const build = (issuer: 'province' | 'city') =>
  logBuilder()
    .add(
      unitRegistered('jiange', '剑阁县'),
      unitRegistered('wangcang', '旺苍县'),
      { type: 'SchemePublished', data: { schemeId: scheme.schemeId, version: 1, scheme } },
      training('jiange', 'lecture'),
      training('wangcang', 'lecture'),
      training('wangcang', 'lecture'),
      fact('NotificationReceived', 'wangcang', {
        notificationId: 'n1',
        issuer,
        reason: 'policy_publicity_inadequate',
        rectificationRequired: true,
      })
    )
    .text()

// Built once: ids and session ids are drawn from counters, so two builds differ.
const TEXT = build('province')
const log = (issuer: 'province' | 'city') =>
  issuer === 'province' ? TEXT : TEXT.replace('"issuer":"province"', '"issuer":"city"')

const events = (text: string) => {
  const read = readLog(text)
  if (E.isLeft(read)) throw new Error(JSON.stringify(read.left))
  return read.right
}
const asOf = '2017-12-31T00:00:00.000Z'

describe('published results', () => {
  it("hashes the canonical JSON of the Result without the engine's prose, and serves the whole Result", () => {
    const sealed = publicationResult(events(log('province')), { schemeId: scheme.schemeId, asOf }, SEAL_FORM)
    if (E.isLeft(sealed)) throw new Error('unscorable')
    expect(sealed.right.form).toBe('substance')
    expect(sealed.right.sealedJson).toBe(
      canonicalJson(substanceOf(sealed.right.result, factsFrom(events(log('province')))))
    )
    expect(sealed.right.sealedJson.startsWith('{"asOf":"2017-12-31T00:00:00.000Z","basis":"recorded",')).toBe(
      true
    )
    expect(sealed.right.sealedJson).not.toContain('"explanation"')
    expect(sealed.right.sha256).toBe(sha256Hex(sealed.right.sealedJson))
    expect(sealed.right.sha256).toMatch(/^[0-9a-f]{64}$/)
    // What is served is the whole Result, prose included.
    expect(sealed.right.json).toBe(canonicalJson(sealed.right.result))
    expect(sealed.right.json).toContain('"explanation"')
  })

  it('hashes the whole Result for the form publications had before the substance seal', () => {
    const sealed = publicationResult(events(log('province')), { schemeId: scheme.schemeId, asOf }, 'whole')
    if (E.isLeft(sealed)) throw new Error('unscorable')
    expect(sealed.right.sealedJson).toBe(sealed.right.json)
    expect(sealed.right.sha256).toBe(sha256Hex(canonicalJson(sealed.right.result)))
  })

  it('recomputes the same bytes from the same events', () => {
    const a = publicationResult(events(log('province')), { schemeId: scheme.schemeId, asOf }, SEAL_FORM)
    const b = publicationResult(events(log('province')), { schemeId: scheme.schemeId, asOf }, SEAL_FORM)
    expect(E.isRight(a) && E.isRight(b) && a.right.json === b.right.json).toBe(true)
    expect(E.isRight(a) && E.isRight(b) && a.right.sealedJson === b.right.sealedJson).toBe(true)
  })

  it('matches a publication recomputed from its events, and names the unit and rule when one was edited', () => {
    const sealed = publicationResult(events(log('province')), { schemeId: scheme.schemeId, asOf }, SEAL_FORM)
    if (E.isLeft(sealed)) throw new Error('unscorable')
    const publication = {
      schemeId: scheme.schemeId,
      version: 1,
      stage: 'final',
      asOf,
      position: '7',
      sha256: sealed.right.sha256,
      seal: 'substance',
      digests: sealed.right.digests,
    } as Parameters<typeof checkPublication>[1]
    expect(checkPublication(events(log('province')), publication)._tag).toBe('Match')
    const tampered = checkPublication(events(log('city')), publication)
    expect(tampered._tag).toBe('Mismatch')
    if (tampered._tag !== 'Mismatch' || !tampered.difference) throw new Error('no difference')
    expect(tampered.difference).toMatchObject({ unitId: 'wangcang', part: 'rules' })
    expect(describeDifference(tampered.difference)).toBe(
      '单位 wangcang（旺苍县） 的 特别规则（计0分/一票否决）（rules）'
    )
  })

  it('names the first differing indicator with its name', () => {
    const sealed = publicationResult(events(log('city')), { schemeId: scheme.schemeId, asOf }, SEAL_FORM)
    if (E.isLeft(sealed)) throw new Error('unscorable')
    const lessTraining = log('city')
      .split('\n')
      .filter((l) => !(l.includes('TrainingHeld') && l.includes('jiange')))
      .join('\n')
    const check = checkPublication(events(lessTraining), {
      schemeId: scheme.schemeId,
      asOf,
      sha256: sealed.right.sha256,
      seal: 'substance',
      digests: sealed.right.digests,
      version: 1,
    } as Parameters<typeof checkPublication>[1])
    if (check._tag !== 'Mismatch' || !check.difference) throw new Error('no difference')
    expect(describeDifference(check.difference)).toBe('单位 jiange（剑阁县） 的 指标 B1（学法不少于4次）')
  })

  it('checks a re-imported log (other positions, same order) on the events before the publication', () => {
    const all = events(log('province'))
    const sealed = publicationResult(all, { schemeId: scheme.schemeId, asOf }, SEAL_FORM)
    if (E.isLeft(sealed)) throw new Error('unscorable')
    const publication = {
      schemeId: scheme.schemeId,
      version: 1,
      asOf,
      sha256: sealed.right.sha256,
      seal: 'substance',
    } as Parameters<typeof checkPublication>[1]
    // Positions shifted on re-import: the positional cut now holds only part of the log.
    expect(checkPublication(all.slice(0, 3), publication)._tag).toBe('Mismatch')
    expect(checkPublication(all.slice(0, 3), publication, all)._tag).toBe('Match')
  })

  describe('what the seal covers', () => {
    const facts = factsFrom(events(log('province')))
    const sealedOf = () => {
      const sealed = publicationResult(
        events(log('province')),
        { schemeId: scheme.schemeId, asOf },
        SEAL_FORM
      )
      if (E.isLeft(sealed)) throw new Error('unscorable')
      return sealed.right
    }
    const reworded = (result: Result): Result => ({
      ...result,
      units: result.units.map((u) => ({
        ...u,
        categories: u.categories.map((c) => ({
          ...c,
          indicators: c.indicators.map((i) => ({ ...i, explanation: `${i.explanation}（新版措辞）` })),
        })),
        rules: u.rules.map((r) => ({ ...r, explanation: '另一种说法' })),
        rulesFired: u.rulesFired.map((r) => ({ ...r, explanation: '另一种说法' })),
      })),
    })

    it('keeps the seal when a later release words the explanations differently', () => {
      const sealed = sealedOf()
      const again = seal(reworded(sealed.result), sealed.scheme, 'substance', facts)
      expect(again.json).not.toBe(sealed.json)
      expect(again.sha256).toBe(sealed.sha256)
      expect(again.digests).toEqual(sealed.digests)
      // The whole form is bound to the wording: the reason new publications are not sealed in it.
      expect(seal(reworded(sealed.result), sealed.scheme, 'whole', facts).sha256).not.toBe(
        seal(sealed.result, sealed.scheme, 'whole', facts).sha256
      )
    })

    it('changes the seal when a point changes, and names the indicator', () => {
      const sealed = sealedOf()
      const moved: Result = {
        ...sealed.result,
        units: sealed.result.units.map((u) =>
          u.unitId !== 'jiange'
            ? u
            : {
                ...u,
                categories: u.categories.map((c) => ({
                  ...c,
                  indicators: c.indicators.map((i) => ({ ...i, points: '2.00' })),
                })),
              }
        ),
      }
      const again = seal(moved, sealed.scheme, 'substance', facts)
      expect(again.sha256).not.toBe(sealed.sha256)
      const difference = firstDifference(again, sealed.digests)
      expect(difference && describeDifference(difference)).toBe(
        '单位 jiange（剑阁县） 的 指标 B1（学法不少于4次）'
      )
    })

    it('changes the seal when a fact behind a figure is edited though no figure moves, and names the indicator', () => {
      const sealed = sealedOf()
      // The first training's topic: counted by B1, shown in no figure.
      const edited = TEXT.replace('"topic":"学法"', '"topic":"另一主题"')
      expect(edited).not.toBe(TEXT)
      const publication = publicationData(sealed, { stage: 'final', asOf, position: '7' }) as Parameters<
        typeof checkPublication
      >[1]
      const check = checkPublication(events(edited), publication)
      if (check._tag !== 'Mismatch' || !check.difference)
        throw new Error(`expected a mismatch: ${check._tag}`)
      expect(check.sealed.result.units.map((u) => u.total)).toEqual(sealed.result.units.map((u) => u.total))
      expect(describeDifference(check.difference)).toBe('单位 jiange（剑阁县） 的 指标 B1（学法不少于4次）')
    })

    it("keeps the log's own words sealed: a unit's name, an adjustment's reason, a self-assessment's note", () => {
      const sealed = sealedOf()
      const unit = sealed.result.units[0]!
      const withWords: Result = {
        ...sealed.result,
        units: [
          {
            ...unit,
            adjustments: {
              points: '1.00',
              items: [
                {
                  event: 'e1',
                  indicatorId: 'B1',
                  points: '5',
                  applied: '1.00',
                  reason: '经复核补计',
                  approvedBy: '市局',
                  source: 'PointsAdjusted',
                  note: '按指标上限计',
                },
              ],
            },
            selfAssessed: {
              event: 'e2',
              total: '4.00',
              items: [{ indicatorId: 'B1', points: '4', note: '自评说明' }],
            },
          },
          ...sealed.result.units.slice(1),
        ],
      }
      const substance = JSON.stringify(substanceOf(withWords, facts))
      expect(substance).toContain('经复核补计')
      expect(substance).toContain('自评说明')
      expect(substance).toContain(unit.name)
      expect(substance).not.toContain('按指标上限计')
    })

    it('reads the form a publication recorded: one that records none is checked against the whole Result', () => {
      const all = events(log('province'))
      const whole = publicationResult(all, { schemeId: scheme.schemeId, asOf }, 'whole')
      const substance = publicationResult(all, { schemeId: scheme.schemeId, asOf }, SEAL_FORM)
      if (E.isLeft(whole) || E.isLeft(substance)) throw new Error('unscorable')
      const fields = { stage: 'final', asOf, position: '7' } as const
      const legacy = publicationData(whole.right, fields) as Parameters<typeof checkPublication>[1]
      const current = publicationData(substance.right, fields) as Parameters<typeof checkPublication>[1]
      expect('seal' in legacy).toBe(false)
      expect(current.seal).toBe('substance')
      expect(checkPublication(all, legacy)._tag).toBe('Match')
      expect(checkPublication(all, current)._tag).toBe('Match')
      // The substance hash recorded without its form is read as a whole-Result hash, and does not match.
      const { seal: _, ...unmarked } = current
      expect(checkPublication(all, unmarked as typeof current)._tag).toBe('Mismatch')
    })
  })
})
