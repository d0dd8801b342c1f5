/**
 * 按期结案率 against the statutory time limits the scheme states (cases/time-limit.ts): what the unit declares on a
 * closing is not what counts, and a case left open past its last day is a miss, not silence.
 */
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { parseScheme } from '../scheme/validate'
import { CALENDAR_2017 } from '../testing/calendar-2017'
import { caseOn, fact, unitRegistered } from '../testing/facts'
import { uuid } from '../testing/log-builder'
import { given, testScheme } from '../testing/scoring-spec'

const INS = 'labor_inspection'
const REPORTER = '利州区填报员 (reporter@lizhou)'

/** D5 监察按期结案率: 100% → 3, ≥ 50% → 1. */
const D5 = {
  id: 'D5',
  name: '监察按期结案率',
  max: 3,
  metric: {
    ratio: [
      { count: 'cases', by: 'closedOrOverdue', where: { kind: INS, closedOnTime: true } },
      { count: 'cases', by: 'closedOrOverdue', where: { kind: INS } },
    ],
  },
  scoring: {
    kind: 'bands',
    bands: [
      { gte: 1, points: 3 },
      { gte: 0.5, points: 1 },
    ],
  },
}
const onTime = testScheme([D5], {
  timeLimits: { [INS]: { workingDays: 60, extension: 30 } },
  calendar: CALENDAR_2017,
  semantics: 2,
})

// Opened 2017-03-01: 60 working days end on 2017-05-26 (calendar.test.ts counts them).
const timely = caseOn('lizhou', INS, '2017-03-01', { caseId: 'timely', closedOn: '2017-05-26' })
const leftOpen = caseOn('lizhou', INS, '2017-03-01', { caseId: 'left-open' })

describe('a case left open past its time limit', () => {
  const g = given(unitRegistered('lizhou'), timely, leftOpen)

  it('counts as a miss once its last day has passed: 1/2 → 1 point, the open case named', () => {
    const d5 = g.scoredWith(onTime, { asOf: '2017-12-31' }).indicator('lizhou', 'D5')
    expect(d5).toMatchObject({ value: '0.5000', points: '1.00', exceptions: ['left-open'] })
    expect(d5.explanation).toContain('按期结案 1 件 / 应结 2 件，超期结案或逾期未结 1 件：left-open')
  })

  it('is not yet due on its last day (2017-05-26): 1/1 → 3, and is overdue the day after', () => {
    expect(g.scoredWith(onTime, { asOf: '2017-05-26' }).indicator('lizhou', 'D5')).toMatchObject({
      value: '1.0000',
      points: '3.00',
    })
    expect(g.scoredWith(onTime, { asOf: '2017-05-27' }).indicator('lizhou', 'D5')).toMatchObject({
      value: '0.5000',
      exceptions: ['left-open'],
    })
  })

  it('stays out of the cohort while its limit runs into next year (opened 2017-12-01)', () => {
    const s = given(
      unitRegistered('lizhou'),
      timely,
      caseOn('lizhou', INS, '2017-12-01', { caseId: 'december' })
    ).scoredWith(onTime, { asOf: '2018-01-31' })
    expect(s.indicator('lizhou', 'D5')).toMatchObject({ value: '1.0000', points: '3.00', exceptions: [] })
  })
})

describe('a closing after the last day', () => {
  it('is late though the unit declared it within the limit: 0/1 → 0', () => {
    const s = given(
      unitRegistered('lizhou'),
      caseOn('lizhou', INS, '2017-03-01', { caseId: 'late', closedOn: '2017-05-31', withinTimeLimit: true })
    ).scoredWith(onTime, { asOf: '2017-12-31' })
    expect(s.indicator('lizhou', 'D5')).toMatchObject({
      value: '0.0000',
      points: '0.00',
      exceptions: ['late'],
    })
  })
})

describe('a closing the unit itself declared late', () => {
  it('stays late though its dates are within the limit: the unit’s word can only cost it, 0/1 → 0', () => {
    const s = given(
      unitRegistered('lizhou'),
      caseOn('lizhou', INS, '2017-03-01', {
        caseId: 'admitted',
        closedOn: '2017-04-10',
        withinTimeLimit: false,
      })
    ).scoredWith(onTime, { asOf: '2017-12-31' })
    expect(s.indicator('lizhou', 'D5')).toMatchObject({ value: '0.0000', exceptions: ['admitted'] })
  })
})

describe('a closing dated in time but entered long after the last day', () => {
  // Opened 2017-06-01: 60 working days end on 2017-08-24. The closing is dated 08-10 but entered on 12-20.
  const [opened, closing] = caseOn('lizhou', INS, '2017-06-01', {
    caseId: 'backdated',
    closedOn: '2017-08-10',
  })
  const lines = [
    { ...opened!, recordedAt: '2017-06-02T02:00:00Z' },
    { ...closing!, id: uuid(0xbac0), recordedAt: '2017-12-20T02:00:00Z', actor: REPORTER },
  ]
  const verified = {
    ...fact('FactVerified', 'lizhou', { targetEventId: uuid(0xbac0) }, '2017-12-22'),
    recordedAt: '2017-12-22T02:00:00Z',
  }

  it('is late until the 考核组 verifies it, and named as such: 0/1', () => {
    const d5 = given(unitRegistered('lizhou'), ...lines)
      .scoredWith(onTime)
      .indicator('lizhou', 'D5')
    expect(d5).toMatchObject({ value: '0.0000', exceptions: ['backdated'] })
    expect(d5.explanation).toContain('逾期补录待核实 1 件：backdated')
  })

  it('is on time when the city entered it (an admin’s record is taken at its date, as a countsOn is): 1/1', () => {
    const byCity = [lines[0]!, { ...lines[1]!, actor: '市局管理员 (admin@city)' }]
    const d5 = given(unitRegistered('lizhou'), ...byCity)
      .scoredWith(onTime)
      .indicator('lizhou', 'D5')
    expect(d5).toMatchObject({ value: '1.0000' })
  })

  it('is on time once verified: 1/1', () => {
    const d5 = given(unitRegistered('lizhou'), ...lines, verified)
      .scoredWith(onTime)
      .indicator('lizhou', 'D5')
    expect(d5).toMatchObject({ value: '1.0000', points: '3.00' })
    expect(d5.explanation).not.toContain('待核实')
  })

  it('is on time when entered within the scheme’s entryDays (118 days here)', () => {
    const lenient = testScheme([D5], {
      timeLimits: { [INS]: { workingDays: 60 } },
      calendar: CALENDAR_2017,
      entryDays: 118,
    })
    expect(
      given(unitRegistered('lizhou'), ...lines)
        .scoredWith(lenient)
        .indicator('lizhou', 'D5')
    ).toMatchObject({ value: '1.0000' })
    const strict = testScheme([D5], {
      timeLimits: { [INS]: { workingDays: 60 } },
      calendar: CALENDAR_2017,
      entryDays: 117,
    })
    expect(
      given(unitRegistered('lizhou'), ...lines)
        .scoredWith(strict)
        .indicator('lizhou', 'D5')
    ).toMatchObject({
      value: '0.0000',
    })
  })
})

describe('an extension of the time limit', () => {
  it('approved before the limit ran out moves the last day 30 working days on (to 2017-07-10): on time', () => {
    const s = given(
      unitRegistered('lizhou'),
      caseOn('lizhou', INS, '2017-03-01', {
        caseId: 'extended',
        extensions: [[30, '2017-05-20']],
        closedOn: '2017-07-10',
      })
    ).scoredWith(onTime, { asOf: '2017-12-31' })
    expect(s.indicator('lizhou', 'D5')).toMatchObject({ value: '1.0000', points: '3.00' })
    // The unit's own report moved the day: the auditor is told which case had one.
    expect(s.indicator('lizhou', 'D5').explanation).toContain(
      '按期结案 1 件 / 应结 1 件；其中报延期 1 件：extended'
    )
  })

  it('approved after the limit ran out (2017-06-01) extends nothing: closed 2017-07-10 is late', () => {
    const s = given(
      unitRegistered('lizhou'),
      caseOn('lizhou', INS, '2017-03-01', {
        caseId: 'too-late',
        extensions: [[30, '2017-06-01']],
        closedOn: '2017-07-10',
      })
    ).scoredWith(onTime, { asOf: '2017-12-31' })
    expect(s.indicator('lizhou', 'D5')).toMatchObject({ value: '0.0000', exceptions: ['too-late'] })
  })

  it('adds at most the kind’s extension in all: a backdated 3,650-day one still leaves a case owed since 07-10', () => {
    // The review's repro: one timely case and one overdue since 05-27; an extension "approved" on 05-20 for ten years.
    const s = given(
      unitRegistered('lizhou'),
      timely,
      caseOn('lizhou', INS, '2017-03-01', { caseId: 'padded', extensions: [[3650, '2017-05-20']] })
    ).scoredWith(onTime, { asOf: '2017-12-31' })
    expect(s.indicator('lizhou', 'D5')).toMatchObject({ value: '0.5000', exceptions: ['padded'] })
    expect(s.indicator('lizhou', 'D5')).toMatchObject({ points: '1.00' })
    // Capped at 30 working days it ends on 07-10: owed from 07-11, not before.
    expect(
      given(
        unitRegistered('lizhou'),
        timely,
        caseOn('lizhou', INS, '2017-03-01', {
          caseId: 'padded',
          extensions: [[3650, '2017-05-20']],
        })
      )
        .scoredWith(onTime, { asOf: '2017-07-10' })
        .indicator('lizhou', 'D5')
    ).toMatchObject({ value: '1.0000' })
  })

  it('extends nothing when dated in time but entered long after the last day it would have moved, unverified', () => {
    const [opened, extension, closing] = caseOn('lizhou', INS, '2017-03-01', {
      caseId: 'late-entry',
      extensions: [[30, '2017-05-20']],
      closedOn: '2017-07-10',
    })
    const s = given(
      unitRegistered('lizhou'),
      { ...opened!, recordedAt: '2017-03-02T02:00:00Z' },
      // Dated 05-20, before the last day 05-26, but entered on 07-05: past 05-26 + 10 days. Without it the closing
      // dated 07-10 (and entered two days later) is late.
      { ...extension!, recordedAt: '2017-07-05T02:00:00Z', actor: REPORTER },
      { ...closing!, recordedAt: '2017-07-12T02:00:00Z', actor: REPORTER }
    ).scoredWith(onTime)
    expect(s.indicator('lizhou', 'D5')).toMatchObject({ value: '0.0000', exceptions: ['late-entry'] })
  })

  it('extends nothing when approved before the case was opened, or when the scheme allows no extension', () => {
    const early = caseOn('lizhou', INS, '2017-03-01', {
      caseId: 'early',
      extensions: [[30, '2016-01-01']],
      closedOn: '2017-07-10',
    })
    expect(
      given(unitRegistered('lizhou'), early)
        .scoredWith(onTime, { asOf: '2017-12-31' })
        .indicator('lizhou', 'D5')
    ).toMatchObject({ value: '0.0000', exceptions: ['early'] })
    const none = testScheme([D5], { timeLimits: { [INS]: { workingDays: 60 } }, calendar: CALENDAR_2017 })
    const extended = caseOn('lizhou', INS, '2017-03-01', {
      caseId: 'extended',
      extensions: [[30, '2017-05-20']],
      closedOn: '2017-07-10',
    })
    expect(
      given(unitRegistered('lizhou'), extended)
        .scoredWith(none, { asOf: '2017-12-31' })
        .indicator('lizhou', 'D5')
    ).toMatchObject({ value: '0.0000' })
  })

  it('is among the facts the indicator names, so a publication’s seal covers it', () => {
    const g = given(
      unitRegistered('lizhou'),
      caseOn('lizhou', INS, '2017-03-01', {
        caseId: 'extended',
        extensions: [[30, '2017-05-20']],
        closedOn: '2017-07-10',
      })
    )
    const d5 = g.scoredWith(onTime, { asOf: '2017-12-31' }).indicator('lizhou', 'D5')
    const extension = g.log.ids()[2]
    expect(d5.events).toContain(extension)
  })
})

describe('a kind without a limit in the scheme', () => {
  it('is refused in an on-time count: it has no closedOnTime, so its rate would read 0 % without a word', () => {
    const arbitration = {
      ...D5,
      metric: {
        ratio: [
          { count: 'cases', by: 'closedOrOverdue', where: { kind: 'labor_arbitration', closedOnTime: true } },
          { count: 'cases', by: 'closedOrOverdue' },
        ],
      },
    }
    const parsed = parseScheme({
      ...onTime,
      categories: [{ id: 'main', name: '主类别', max: 3, indicators: [arbitration] }],
    })
    expect(E.isLeft(parsed) && parsed.left.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'categories.0.indicators.0.metric.ratio.0: 案件类型 "labor_arbitration" 未在 timeLimits 中规定办理期限，无法判断是否按期',
      'categories.0.indicators.0.metric.ratio.1: 按法定办理期限统计案件时，where 须写明 kind（一个或几个已在 timeLimits 中规定期限的案件类型）',
    ])
  })
})
