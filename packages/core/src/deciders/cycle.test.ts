import { describe, it } from 'vitest'
import type { EventData } from '../events/catalog'
import { testId } from '../testing/case-builders'
import { deciderSpec } from '../testing/decider-spec'
import { type CycleCommand, type CycleEvent, cycle } from './cycle'

const { given } = deciderSpec(cycle)
const schemeId = 'gy-2017'
const sha256 = 'a'.repeat(64)

const schemePublished = (): CycleEvent => ({
  id: testId(),
  type: 'SchemePublished',
  data: {
    schemeId,
    version: 1,
    scheme: {
      categories: [{ id: 'org', indicators: [{ id: 'plan' }, { id: 'staff' }] }],
      bonus: { indicators: [{ id: 'honor' }] },
    },
  } as unknown as EventData['SchemePublished'],
})

const published = (
  stage: 'preliminary' | 'final',
  appealUntil?: string
): Extract<CycleEvent, { type: 'ResultPublished' }> => ({
  id: testId(),
  type: 'ResultPublished',
  data: {
    schemeId,
    version: 1,
    stage,
    asOf: '2018-01-10T02:00:00.000Z',
    position: '100',
    sha256,
    ...(appealUntil ? { appealUntil } : {}),
  } as EventData['ResultPublished'],
})

const filed = (appealId: string, indicatorId?: string, unitId = 'lizhou') =>
  ({
    id: testId(),
    type: 'AppealFiled',
    data: {
      unitId,
      occurredOn: '2018-01-12',
      appealId,
      schemeId,
      reason: '培训记录漏计',
      ...(indicatorId ? { indicatorId } : {}),
    } as EventData['AppealFiled'],
  }) as const

const decided = (
  appealId: string,
  decision: 'upheld' | 'partially_upheld' | 'rejected',
  points?: number,
  unitId = 'lizhou'
) =>
  ({
    id: testId(),
    type: 'AppealDecided',
    data: {
      unitId,
      occurredOn: '2018-01-15',
      appealId,
      decision,
      reason: '经复核',
      ...(points === undefined ? {} : { points }),
    } as EventData['AppealDecided'],
  }) as const

const retracted = (targetEventId: string): CycleEvent => ({
  id: testId(),
  type: 'EventRetracted',
  data: {
    unitId: 'lizhou',
    occurredOn: '2018-01-13',
    targetEventId,
    reason: '撤回申诉',
  } as EventData['EventRetracted'],
})

/** Recorded at this instant; the event decided carries it as recordedAt. */
const at = <C extends Omit<CycleCommand, 'at'>>(command: C, instant: string) =>
  ({ ...command, at: instant }) as CycleCommand
const recorded = (command: CycleCommand): CycleEvent => {
  const { at: instant, ...event } = command
  return { ...event, recordedAt: instant } as CycleEvent
}

// 2018-01-20 ends at 2018-01-20T15:59:59.999Z (Beijing is UTC+8).
const LAST_MINUTE = '2018-01-20T15:59:00.000Z'
const TOO_LATE = '2018-01-20T16:00:00.000Z'

describe('assessment cycle', () => {
  describe('appeals', () => {
    it('accepts an appeal against one indicator while the preliminary window is open', () => {
      const c = at(filed('a1', 'plan'), LAST_MINUTE)
      given(schemePublished(), published('preliminary', '2018-01-20'))
        .when(c)
        .then([recorded(c)])
    })
    it('accepts an appeal against the whole result', () => {
      const c = at(filed('a1'), '2018-01-12T01:00:00.000Z')
      given(schemePublished(), published('preliminary', '2018-01-20'))
        .when(c)
        .then([recorded(c)])
    })
    it('accepts a bonus indicator', () => {
      const c = at(filed('a1', 'honor'), '2018-01-12T01:00:00.000Z')
      given(schemePublished(), published('preliminary', '2018-01-20'))
        .when(c)
        .then([recorded(c)])
    })
    it('rejects an appeal once appealUntil has ended in Beijing time', () => {
      given(schemePublished(), published('preliminary', '2018-01-20'))
        .when(at(filed('a1', 'plan'), TOO_LATE))
        .thenFails('AppealWindowClosed', { appealUntil: '2018-01-20' })
    })
    it('rejects an appeal before any preliminary publication', () => {
      given(schemePublished())
        .when(at(filed('a1', 'plan'), LAST_MINUTE))
        .thenFails('NoAppealWindow', { schemeId })
    })
    it('rejects an appeal after the final publication, even within the window', () => {
      given(schemePublished(), published('preliminary', '2018-01-20'), published('final'))
        .when(at(filed('a1', 'plan'), LAST_MINUTE))
        .thenFails('AppealAfterFinal')
    })
    it('opens a new window with a second preliminary publication', () => {
      const c = at(filed('a1'), '2018-02-01T01:00:00.000Z')
      given(schemePublished(), published('preliminary', '2018-01-20'), published('preliminary', '2018-02-05'))
        .when(c)
        .then([recorded(c)])
    })
    it('rejects an indicator the scheme does not have', () => {
      given(schemePublished(), published('preliminary', '2018-01-20'))
        .when(at(filed('a1', 'nope'), LAST_MINUTE))
        .thenFails('UnknownIndicator', { indicatorId: 'nope' })
    })
    it('rejects an appeal on an unpublished scheme', () => {
      given()
        .when(at(filed('a1'), LAST_MINUTE))
        .thenFails('CycleSchemeNotPublished')
    })
    it('rejects the same appealId twice for one unit, but not for another unit', () => {
      const history = [schemePublished(), published('preliminary', '2018-01-20'), filed('a1')]
      given(...history)
        .when(at(filed('a1'), LAST_MINUTE))
        .thenFails('AppealAlreadyFiled')
      const other = at(filed('a1', undefined, 'cangxi'), LAST_MINUTE)
      given(...history)
        .when(other)
        .then([recorded(other)])
    })
    it('withdraws an undecided appeal (its filing retracted)', () => {
      const first = filed('a1', 'plan')
      const c = at(retracted(first.id) as Omit<CycleCommand, 'at'>, LAST_MINUTE)
      given(schemePublished(), published('preliminary', '2018-01-20'), first)
        .when(c)
        .then([recorded(c)])
    })
    it('refuses to withdraw a decided appeal, by retraction or by a return (the decision would be left behind)', () => {
      const first = filed('a1', 'plan')
      const history = [
        schemePublished(),
        published('preliminary', '2018-01-20'),
        first,
        decided('a1', 'upheld', 2),
      ]
      given(...history)
        .when(at(retracted(first.id) as Omit<CycleCommand, 'at'>, LAST_MINUTE))
        .thenFails('DecidedAppealWithdrawn', { unitId: 'lizhou', appealId: 'a1' })
      const returned = { ...retracted(first.id), type: 'FactReturned' } as Omit<CycleCommand, 'at'>
      given(...history)
        .when(at(returned, LAST_MINUTE))
        .thenFails('DecidedAppealWithdrawn', { appealId: 'a1' })
    })
    it('withdraws a decided appeal once its decision was retracted', () => {
      const first = filed('a1', 'plan')
      const decision = decided('a1', 'upheld', 2)
      const c = at(retracted(first.id) as Omit<CycleCommand, 'at'>, LAST_MINUTE)
      given(
        schemePublished(),
        published('preliminary', '2018-01-20'),
        first,
        decision,
        retracted(decision.id)
      )
        .when(c)
        .then([recorded(c)])
    })
    it('accepts the appealId again once the first appeal was withdrawn (retracted)', () => {
      const first = filed('a1')
      const c = at(filed('a1'), LAST_MINUTE)
      given(schemePublished(), published('preliminary', '2018-01-20'), first, retracted(first.id))
        .when(c)
        .then([recorded(c)])
    })
  })

  describe('decisions', () => {
    const history = [schemePublished(), published('preliminary', '2018-01-20')]
    it('decides an appeal against an indicator with points', () => {
      const appeal = filed('a1', 'plan')
      const c = at(decided('a1', 'upheld', 2), '2018-01-22T01:00:00.000Z')
      given(...history, appeal)
        .when(c)
        .then([recorded(c)])
    })
    it('decides after the window closed (only filing is bounded by it)', () => {
      const c = at(decided('a1', 'rejected'), '2018-03-01T01:00:00.000Z')
      given(...history, filed('a1', 'plan'))
        .when(c)
        .then([recorded(c)])
    })
    it('rejects a decision on an appeal that does not exist', () => {
      given(...history)
        .when(at(decided('a9', 'upheld'), LAST_MINUTE))
        .thenFails('AppealNotFound', { appealId: 'a9', unitId: 'lizhou' })
    })
    it("rejects a decision on another unit's appeal id", () => {
      given(...history, filed('a1', 'plan'))
        .when(at(decided('a1', 'upheld', undefined, 'cangxi'), LAST_MINUTE))
        .thenFails('AppealNotFound', { unitId: 'cangxi' })
    })
    it('rejects deciding an appeal twice', () => {
      given(...history, filed('a1', 'plan'), decided('a1', 'rejected'))
        .when(at(decided('a1', 'upheld', 1), LAST_MINUTE))
        .thenFails('AppealAlreadyDecided')
    })
    it('decides again once the first decision was retracted', () => {
      const first = decided('a1', 'rejected')
      const c = at(decided('a1', 'upheld', 1), LAST_MINUTE)
      given(...history, filed('a1', 'plan'), first, retracted(first.id))
        .when(c)
        .then([recorded(c)])
    })
    it('rejects points on an appeal against the whole result', () => {
      given(...history, filed('a1'))
        .when(at(decided('a1', 'upheld', 2), LAST_MINUTE))
        .thenFails('PointsWithoutIndicator')
    })
    it('accepts a decision without points on an appeal against the whole result', () => {
      const c = at(decided('a1', 'partially_upheld'), LAST_MINUTE)
      given(...history, filed('a1'))
        .when(c)
        .then([recorded(c)])
    })
    it('rejects points on a rejected appeal', () => {
      given(...history, filed('a1', 'plan'))
        .when(at(decided('a1', 'rejected', 1), LAST_MINUTE))
        .thenFails('PointsOnRejectedAppeal')
    })
  })

  describe('publications', () => {
    it('publishes a preliminary result with a window ending on or after the day of publication', () => {
      const c = at(published('preliminary', '2018-01-10'), '2018-01-10T15:00:00.000Z')
      given(schemePublished())
        .when(c)
        .then([recorded(c)])
    })
    it('rejects a preliminary result without appealUntil', () => {
      given(schemePublished())
        .when(at(published('preliminary'), LAST_MINUTE))
        .thenFails('PreliminaryWithoutWindow')
    })
    it('rejects a window that ends before the day of publication (Beijing)', () => {
      // 2018-01-10T16:30Z is already 2018-01-11 in Beijing.
      given(schemePublished())
        .when(at(published('preliminary', '2018-01-10'), '2018-01-10T16:30:00.000Z'))
        .thenFails('WindowBeforePublication', { appealUntil: '2018-01-10', publishedOn: '2018-01-11' })
    })
    it('rejects a final result before any preliminary one', () => {
      given(schemePublished())
        .when(at(published('final'), LAST_MINUTE))
        .thenFails('FinalWithoutPreliminary')
    })
    it('rejects a final result with an appeal window', () => {
      given(schemePublished(), published('preliminary', '2018-01-20'))
        .when(at(published('final', '2018-01-30'), LAST_MINUTE))
        .thenFails('FinalWithWindow')
    })
    it('rejects a final result while an appeal is undecided, naming it', () => {
      given(schemePublished(), published('preliminary', '2018-01-20'), filed('a1', 'plan'), filed('a2'))
        .when(at(published('final'), LAST_MINUTE))
        .thenFails('AppealsUndecided', { appeals: ['lizhou/a1', 'lizhou/a2'] })
    })
    it('publishes the final result once every appeal is decided (or withdrawn)', () => {
      const a2 = filed('a2')
      const c = at(published('final'), '2018-01-25T01:00:00.000Z')
      given(
        schemePublished(),
        published('preliminary', '2018-01-20'),
        filed('a1', 'plan'),
        a2,
        decided('a1', 'upheld', 2),
        retracted(a2.id)
      )
        .when(c)
        .then([recorded(c)])
    })
    it('publishes the final result while the window is still open, which closes it', () => {
      const c = at(published('final'), '2018-01-12T01:00:00.000Z')
      given(schemePublished(), published('preliminary', '2018-01-20'))
        .when(c)
        .then([recorded(c)])
    })
    it('publishes nothing after the final result', () => {
      const history = [schemePublished(), published('preliminary', '2018-01-20'), published('final')]
      given(...history)
        .when(at(published('final'), LAST_MINUTE))
        .thenFails('AlreadyFinal')
      given(...history)
        .when(at(published('preliminary', '2018-02-20'), LAST_MINUTE))
        .thenFails('AlreadyFinal')
    })
    it('rejects a publication of an unpublished scheme', () => {
      given()
        .when(at(published('preliminary', '2018-01-20'), LAST_MINUTE))
        .thenFails('CycleSchemeNotPublished')
    })
  })
})
