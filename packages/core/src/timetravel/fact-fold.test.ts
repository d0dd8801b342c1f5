import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { StoredEvent } from '../events/stored'
import { groupFacts, type UnitFacts } from '../facts/fact'
import { parseAsOf } from './as-of'
import { foldFacts, unitFactFold } from './fact-fold'
import { select } from './select'

const UNIT = 'u1'
const now = parseAsOf(undefined, 'recorded')
if (now._tag === 'Left') throw new Error('cut')

/** What `select` gives for the current state: the fold from empty. */
const fromEmpty = (events: ReadonlyArray<StoredEvent>): UnitFacts =>
  groupFacts(select(events, now.right).facts.get(UNIT) ?? [])

const ev = (seq: number, type: string, data: Record<string, unknown>, actor?: string): StoredEvent =>
  ({
    id: `e${seq}`,
    type,
    data: { unitId: UNIT, ...data },
    recordedAt: new Date(Date.UTC(2017, 0, 1, 0, seq)).toISOString(),
    seq,
    ...(actor === undefined ? {} : { actor }),
  }) as unknown as StoredEvent

type Command =
  | {
      readonly kind: 'training'
      readonly day: number
      readonly claim: boolean
      readonly by: 'reporter' | 'city' | 'nobody'
    }
  | { readonly kind: 'registry' }
  | { readonly kind: 'open'; readonly caseNo: number; readonly day: number; readonly subject: boolean }
  | { readonly kind: 'step'; readonly caseNo: number; readonly day: number; readonly type: string }
  | { readonly kind: 'retract' | 'verify' | 'return'; readonly target: number }

const day = fc.integer({ min: 1, max: 28 })
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('training'),
      day,
      claim: fc.boolean(),
      by: fc.constantFrom('reporter', 'city', 'nobody'),
    }),
  },
  // A registry event in a unit's list is not a fact; the fold must fold again rather than step over it.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('registry') }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('open'),
      caseNo: fc.integer({ min: 0, max: 3 }),
      day,
      subject: fc.boolean(),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('step'),
      caseNo: fc.integer({ min: 0, max: 3 }),
      day,
      type: fc.constantFrom('HearingHeld', 'CaseClosed', 'CaseDecided'),
    }),
  },
  // A target may be an event not yet recorded (an import in odd order): the fold must not care.
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constantFrom('retract', 'verify', 'return'), target: fc.nat(40) }),
  }
) as fc.Arbitrary<Command>

const eventOf = (c: Command, seq: number): StoredEvent => {
  const on = (d: number) => `2017-03-${String(d).padStart(2, '0')}`
  switch (c.kind) {
    case 'training':
      return ev(
        seq,
        'TrainingHeld',
        { occurredOn: on(c.day), ...(c.claim ? { countsOn: '2016-12-31' } : {}) },
        c.by === 'reporter' ? `填报员 (reporter@${UNIT})` : c.by === 'city' ? '市局 (admin)' : undefined
      )
    case 'registry':
      return ev(seq, 'UnitRegistered', { name: '单位', kind: 'district' })
    case 'open':
      return ev(seq, 'CaseOpened', {
        occurredOn: on(c.day),
        caseId: `c${c.caseNo}`,
        kind: c.caseNo % 2 === 0 ? 'lawsuit' : 'arbitration',
        ...(c.subject ? { subject: 'pension' } : {}),
      })
    case 'step':
      return ev(seq, c.type, { occurredOn: on(c.day), caseId: `c${c.caseNo}` })
    case 'retract':
      return ev(seq, 'EventRetracted', { occurredOn: on(1), targetEventId: `e${c.target}` })
    case 'verify':
      return ev(seq, 'FactVerified', { occurredOn: on(1), targetEventId: `e${c.target}` })
    case 'return':
      return ev(seq, 'FactReturned', { occurredOn: on(1), targetEventId: `e${c.target}` })
  }
}

describe('a unit fact fold stepped with new events', () => {
  it('equals the fold from empty after every step, on random logs with retractions, returns, verifications and reopened cases', () => {
    fc.assert(
      fc.property(
        fc.array(command, { maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 4 })),
        (cmds, chunks) => {
          const fold = unitFactFold()
          // The runner's event cache grows one list in place; the fold is asked after each page of it.
          const list: StoredEvent[] = []
          let c = 0
          while (list.length < cmds.length) {
            const n = chunks[c++ % Math.max(1, chunks.length)] ?? 1
            for (let k = 0; k < n && list.length < cmds.length; k++)
              list.push(eventOf(cmds[list.length]!, list.length))
            expect(fold.of(list)).toEqual(fromEmpty(list))
          }
        }
      ),
      { numRuns: 300 }
    )
  })

  it('folds a list cut shorter and grown again from its own events, not from facts made at the same places', () => {
    const list = [
      ev(1, 'TrainingHeld', { occurredOn: '2017-03-02' }),
      ev(2, 'TrainingHeld', { occurredOn: '2017-03-02' }),
    ]
    const fold = unitFactFold()
    fold.of(list)
    list.length = 0
    fold.of(list)
    list.push(
      ev(3, 'EventRetracted', { occurredOn: '2017-03-01', targetEventId: 'e99' }),
      ev(4, 'TrainingHeld', { occurredOn: '2017-03-02' })
    )
    expect(fold.of(list)).toEqual(fromEmpty(list))
  })

  it('makes one fact for a new training and keeps every other list as it was', () => {
    // given a unit with a training and an open case with a hearing
    const list = [
      ev(1, 'TrainingHeld', { occurredOn: '2017-03-01' }),
      ev(2, 'CaseOpened', { occurredOn: '2017-03-02', caseId: 'c1', kind: 'lawsuit' }),
      ev(3, 'HearingHeld', { occurredOn: '2017-03-05', caseId: 'c1' }),
    ]
    const fold = unitFactFold()
    const before = fold.of(list)
    // when a training held earlier in the month arrives
    list.push(ev(4, 'TrainingHeld', { occurredOn: '2017-02-27' }))
    const after = fold.of(list)
    // then the training list is new, in scoring order, and the case lists are the same arrays
    expect(after.get('TrainingHeld')!.map((f) => f.id)).toEqual(['e4', 'e1'])
    expect(after.get('TrainingHeld')![1]).toBe(before.get('TrainingHeld')![0])
    expect(after.get('CaseOpened')).toBe(before.get('CaseOpened'))
    expect(after.get('HearingHeld')).toBe(before.get('HearingHeld'))
    expect(after.get('HearingHeld')![0]!.case).toEqual({ kind: 'lawsuit' })
  })

  it('drops a retracted fact and keeps the unit’s other facts as the same objects', () => {
    const list = [
      ev(1, 'TrainingHeld', { occurredOn: '2017-03-01' }),
      ev(2, 'TrainingHeld', { occurredOn: '2017-03-02' }),
    ]
    const fold = unitFactFold()
    const before = fold.of(list)
    list.push(ev(3, 'EventRetracted', { occurredOn: '2017-03-03', targetEventId: 'e1' }))
    const after = fold.of(list)
    expect(after.get('TrainingHeld')!.map((f) => f.id)).toEqual(['e2'])
    expect(after.get('TrainingHeld')![0]).toBe(before.get('TrainingHeld')![1])
  })

  it('moves a reporter’s claimed period only once the 考核组 verifies the fact', () => {
    const list = [
      ev(1, 'TrainingHeld', { occurredOn: '2017-01-03', countsOn: '2016-12-31' }, `张 (reporter@${UNIT})`),
    ]
    const fold = unitFactFold()
    expect(fold.of(list).get('TrainingHeld')![0]!.countsOn).toBe('2017-01-03')
    list.push(ev(2, 'FactVerified', { occurredOn: '2017-01-05', targetEventId: 'e1' }))
    const verified = fold.of(list).get('TrainingHeld')![0]!
    expect(verified.countsOn).toBe('2016-12-31')
    expect(verified.verified).toBe(true)
  })

  it('gives a case’s steps the attributes of a case opened again under the same id', () => {
    // given a lawsuit with a hearing, retracted and re-opened as an arbitration
    const list = [
      ev(1, 'CaseOpened', { occurredOn: '2017-03-01', caseId: 'c1', kind: 'lawsuit' }),
      ev(2, 'HearingHeld', { occurredOn: '2017-03-05', caseId: 'c1' }),
      ev(3, 'EventRetracted', { occurredOn: '2017-03-06', targetEventId: 'e1' }),
    ]
    const fold = unitFactFold()
    expect(fold.of(list).get('HearingHeld')![0]!.case).toBeUndefined()
    list.push(ev(4, 'CaseOpened', { occurredOn: '2017-03-01', caseId: 'c1', kind: 'arbitration' }))
    // then the earlier hearing counts as the arbitration's
    expect(fold.of(list).get('HearingHeld')![0]!.case).toEqual({ kind: 'arbitration' })
  })
})

describe('an as-of fold lent the current facts', () => {
  it('equals the fold from empty at every cut, on random logs with retractions, returns, verifications and reopened cases', () => {
    fc.assert(
      fc.property(
        fc.array(command, { minLength: 1, maxLength: 60 }),
        fc.nat(),
        fc.option(day, { nil: undefined }),
        (cmds, at, occurredDay) => {
          const list = cmds.map((c, i) => eventOf(c, i))
          const fold = unitFactFold()
          fold.of(list)
          // the list as the source cuts it at an instant: a prefix of the same event objects
          const cut = list.slice(0, at % (list.length + 1))
          const occurredBy =
            occurredDay === undefined ? undefined : `2017-03-${String(occurredDay).padStart(2, '0')}`
          const lent = foldFacts(cut, occurredBy, undefined, fold.known())
          expect(lent.facts).toEqual(foldFacts(cut, occurredBy).facts)
        }
      ),
      { numRuns: 300 }
    )
  })

  it('reuses a fact that is the same at the cut, and makes anew one verified only after it', () => {
    const list = [
      ev(1, 'TrainingHeld', { occurredOn: '2017-03-02' }),
      ev(2, 'TrainingHeld', { occurredOn: '2017-03-03' }),
      ev(3, 'FactVerified', { occurredOn: '2017-03-04', targetEventId: 'e2' }),
    ]
    const fold = unitFactFold()
    const now = fold.of(list).get('TrainingHeld')!
    const [first, second] = foldFacts(list.slice(0, 2), undefined, undefined, fold.known()).facts
    expect(first).toBe(now[0])
    expect(second).not.toBe(now[1])
    expect(second?.verified).toBeUndefined()
    expect(now[1]?.verified).toBe(true)
  })

  it('reuses nothing for events that are not the very objects it folded', () => {
    const list = [ev(1, 'TrainingHeld', { occurredOn: '2017-03-02' })]
    const fold = unitFactFold()
    const now = fold.of(list).get('TrainingHeld')!
    const copy = [ev(1, 'TrainingHeld', { occurredOn: '2017-03-02' })]
    expect(foldFacts(copy, undefined, undefined, fold.known()).facts[0]).not.toBe(now[0])
    // nor for other events put at the same places of the very list it folded (cut and grown again, not refolded)
    list.length = 0
    list.push(ev(2, 'TrainingHeld', { occurredOn: '2017-03-02' }))
    const refilled = foldFacts(list, undefined, undefined, fold.known()).facts[0]
    expect(refilled).not.toBe(now[0])
    expect(refilled?.id).toBe('e2')
  })
})
