import { describe, it } from 'vitest'
import {
  caseClosed,
  caseDecided,
  caseExtended,
  caseOpened,
  hearingHeld,
  retracted,
  rulingPerformed,
} from '../testing/case-builders'
import { deciderSpec } from '../testing/decider-spec'
import { caseLifecycle } from './case-lifecycle'

const { given } = deciderSpec(caseLifecycle)
const id = 'jiange-al-2017-001'

describe('case lifecycle', () => {
  describe('when nothing is recorded yet', () => {
    it('opens a case', () => {
      const opened = caseOpened(id)
      given().when(opened).then([opened])
    })
    it('rejects a follow-up of an unknown case', () => {
      given().when(hearingHeld(id)).thenFails('CaseNotOpened', { caseId: id, type: 'HearingHeld' })
    })
  })

  describe('when opened', () => {
    const opened = caseOpened(id)
    it('accepts repeated hearings', () => {
      const h2 = hearingHeld(id, false)
      given(opened, hearingHeld(id)).when(h2).then([h2])
    })
    it('rejects opening it twice', () => {
      given(opened).when(caseOpened(id)).thenFails('CaseAlreadyOpened')
    })
    it('opens the id again once the opening is retracted, by any unit: which unit may is the append path’s rule', () => {
      // The log checker reads exports through this decider: a reopening by another unit stored before must read.
      const again = caseOpened(id)
      given(opened, retracted(opened.id)).when(again).then([again])
      const other = caseOpened(id, 'wangcang')
      given(opened, retracted(opened.id)).when(other).then([other])
    })
    it("rejects another unit's follow-up", () => {
      given(opened)
        .when(hearingHeld(id, true, 'wangcang'))
        .thenFails('CaseOfAnotherUnit', { owner: 'jiange', unitId: 'wangcang' })
    })
    it('accepts an extension of its time limit, and another', () => {
      const more = caseExtended(id, 15)
      given(opened, caseExtended(id)).when(more).then([more])
    })
    it("rejects extending another unit's case", () => {
      given(opened)
        .when(caseExtended(id, 30, 'wangcang'))
        .thenFails('CaseOfAnotherUnit', { owner: 'jiange', unitId: 'wangcang' })
    })
    it('rejects a second-instance decision before the first', () => {
      given(opened).when(caseDecided(id, 'second')).thenFails('InstanceOutOfOrder', { requires: 'first' })
    })
  })

  describe('when decided at first instance', () => {
    const opened = caseOpened(id)
    const first = caseDecided(id, 'first', 'lost')
    it('rejects a second first-instance decision', () => {
      given(opened, first)
        .when(caseDecided(id, 'first'))
        .thenFails('AlreadyDecidedAtInstance', { instance: 'first' })
    })
    it('accepts the appeal decision', () => {
      const second = caseDecided(id, 'second', 'won')
      given(opened, first).when(second).then([second])
    })
    it('accepts a new first-instance decision once the wrong one is retracted', () => {
      const again = caseDecided(id, 'first', 'won')
      given(opened, first, retracted(first.id)).when(again).then([again])
    })
  })

  describe('when closed', () => {
    const history = [caseOpened(id), caseDecided(id, 'first', 'lost'), caseClosed(id)] as const
    it('accepts performing the ruling', () => {
      const performed = rulingPerformed(id)
      given(...history)
        .when(performed)
        .then([performed])
    })
    it('rejects a hearing after closing', () => {
      given(...history)
        .when(hearingHeld(id))
        .thenFails('CaseAlreadyClosed', { type: 'HearingHeld' })
    })
    it('rejects an extension after closing: a closed case has no limit left to extend', () => {
      given(...history)
        .when(caseExtended(id))
        .thenFails('CaseAlreadyClosed', { type: 'CaseExtended' })
    })
    it('reopens when the closing is retracted', () => {
      const h = hearingHeld(id)
      given(...history, retracted(history[2].id))
        .when(h)
        .then([h])
    })
  })
})
