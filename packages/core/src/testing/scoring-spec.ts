/**
 * @module given(event lines).scoredWith(scheme).then… — scoring tests run the real pipeline: NDJSON text →
 * readLog (codecs, log rules) → scoreAt (metrics → points → rules → ranking) → Result.
 */
import * as E from 'fp-ts/Either'
import { expect } from 'vitest'
import { formatIssue } from '../codec/issues'
import { describeReplayError } from '../errors'
import { readLog } from '../log/read-log'
import type { IndicatorResult, Result, UnitResult } from '../result/result'
import type { Scheme } from '../scheme/scheme'
import { parseScheme } from '../scheme/validate'
import { type ScoreOptions, scoreAt } from '../timetravel/score-at'
import { type LineSpec, logBuilder } from './log-builder'

export const schemeFrom = (json: unknown): Scheme => {
  const parsed = parseScheme(json)
  if (E.isLeft(parsed)) throw new Error(`invalid test scheme:\n${parsed.left.map(formatIssue).join('\n')}`)
  return parsed.right
}

export interface Scored {
  readonly result: Result
  readonly unit: (unitId: string) => UnitResult
  readonly indicator: (unitId: string, indicatorId: string) => IndicatorResult
}

/** Lines, or (nested) lists of lines such as a case's whole lifecycle. */
export type Lines = LineSpec | ReadonlyArray<Lines>
const flatten = (l: Lines): LineSpec[] => (Array.isArray(l) ? l.flatMap(flatten) : [l as LineSpec])

export const given = (...lines: ReadonlyArray<Lines>) => {
  const log = logBuilder().add(...lines.flatMap(flatten))
  return {
    log,
    scoredWith: (scheme: Scheme, options: Omit<ScoreOptions, 'schemeId' | 'given'> = {}): Scored => {
      const events = readLog(log.text())
      if (E.isLeft(events))
        throw new Error(events.left.map((i) => `${i.line} ${i.path}: ${i.message}`).join('\n'))
      const result = scoreAt(events.right, { schemeId: scheme.schemeId, given: [scheme], ...options })
      if (E.isLeft(result)) throw new Error(describeReplayError(result.left))
      const unit = (unitId: string) => {
        const u = result.right.units.find((x) => x.unitId === unitId)
        expect(u, `unit ${unitId} in result`).toBeDefined()
        return u!
      }
      const indicator = (unitId: string, id: string) => {
        const u = unit(unitId)
        const all = [...u.categories.flatMap((c) => c.indicators), ...(u.bonus?.indicators ?? [])]
        const found = all.find((i) => i.id === id)
        expect(found, `indicator ${id}`).toBeDefined()
        return found!
      }
      return { result: result.right, unit, indicator }
    },
  }
}

/** A one-category district scheme for 2017 around the given indicators; override anything. */
export const testScheme = (
  indicators: ReadonlyArray<Record<string, unknown>>,
  extra: Record<string, unknown> = {}
): Scheme =>
  schemeFrom({
    schemeId: 'test-2017',
    version: 1,
    title: '测试办法',
    appliesTo: 'district',
    period: { from: '2017-01-01', to: '2017-12-31' },
    categories: [
      {
        id: 'main',
        name: '主类别',
        max: indicators.reduce((s, i) => s + (i.max as number), 0),
        indicators,
      },
    ],
    grades: [
      { name: '优秀', min: 90 },
      { name: '良好', min: 80 },
      { name: '合格', min: 60 },
      { name: '不合格', min: 0 },
    ],
    ...extra,
  })
