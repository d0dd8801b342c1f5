import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { readLog } from '../log/read-log'
import { canonicalJson, sha256Hex } from '../primitives/canonical-json'
import { fact, training, unitRegistered } from '../testing/facts'
import { logBuilder } from '../testing/log-builder'
import { checkPublication, describeDifference, publicationResult } from './seal'

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
  it('hashes the canonical JSON of the full Result (sorted keys, no whitespace)', () => {
    const sealed = publicationResult(events(log('province')), { schemeId: scheme.schemeId, asOf })
    if (E.isLeft(sealed)) throw new Error('unscorable')
    expect(sealed.right.json).toBe(canonicalJson(sealed.right.result))
    expect(sealed.right.json.startsWith('{"asOf":"2017-12-31T00:00:00.000Z","basis":"recorded",')).toBe(true)
    expect(sealed.right.sha256).toBe(sha256Hex(sealed.right.json))
    expect(sealed.right.sha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('recomputes the same bytes from the same events', () => {
    const a = publicationResult(events(log('province')), { schemeId: scheme.schemeId, asOf })
    const b = publicationResult(events(log('province')), { schemeId: scheme.schemeId, asOf })
    expect(E.isRight(a) && E.isRight(b) && a.right.json === b.right.json).toBe(true)
  })

  it('matches a publication recomputed from its events, and names the unit and rule when one was edited', () => {
    const sealed = publicationResult(events(log('province')), { schemeId: scheme.schemeId, asOf })
    if (E.isLeft(sealed)) throw new Error('unscorable')
    const publication = {
      schemeId: scheme.schemeId,
      version: 1,
      stage: 'final',
      asOf,
      position: '7',
      sha256: sealed.right.sha256,
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
    const sealed = publicationResult(events(log('city')), { schemeId: scheme.schemeId, asOf })
    if (E.isLeft(sealed)) throw new Error('unscorable')
    const lessTraining = log('city')
      .split('\n')
      .filter((l) => !(l.includes('TrainingHeld') && l.includes('jiange')))
      .join('\n')
    const check = checkPublication(events(lessTraining), {
      schemeId: scheme.schemeId,
      asOf,
      sha256: sealed.right.sha256,
      digests: sealed.right.digests,
      version: 1,
    } as Parameters<typeof checkPublication>[1])
    if (check._tag !== 'Mismatch' || !check.difference) throw new Error('no difference')
    expect(describeDifference(check.difference)).toBe('单位 jiange（剑阁县） 的 指标 B1（学法不少于4次）')
  })

  it('checks a re-imported log (other positions, same order) on the events before the publication', () => {
    const all = events(log('province'))
    const sealed = publicationResult(all, { schemeId: scheme.schemeId, asOf })
    if (E.isLeft(sealed)) throw new Error('unscorable')
    const publication = {
      schemeId: scheme.schemeId,
      version: 1,
      asOf,
      sha256: sealed.right.sha256,
    } as Parameters<typeof checkPublication>[1]
    // Positions shifted on re-import: the positional cut now holds only part of the log.
    expect(checkPublication(all.slice(0, 3), publication)._tag).toBe('Mismatch')
    expect(checkPublication(all.slice(0, 3), publication, all)._tag).toBe('Match')
  })
})
