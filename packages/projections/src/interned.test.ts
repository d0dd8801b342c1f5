import { describe, expect, it } from 'vitest'
import { type Interned, interned, withCodesInterned } from './interned'

/** A table that records what it is asked to keep. */
const recording = (): Interned & { readonly asked: string[] } => {
  const table = interned()
  const asked: string[] = []
  const of = (value: string) => {
    asked.push(value)
    return table.of(value)
  }
  return { ...table, asked, of }
}

describe('one copy of each code in event data', () => {
  it('passes the values of the fields the catalog declares as codes through the table, and nothing else', () => {
    const table = recording()
    const opened = {
      unitId: 'lizhou_district',
      // An id may look like a code; ids are not codes, and would fill the table.
      caseId: 'lizhou_xz_2017_0001',
      kind: 'work_injury_recognition',
      subject: 'administrative_litigation',
      caseNumber: '（2017）川0802行初12号',
      occurredOn: '2017-03-01',
    }
    const before = structuredClone(opened)
    expect(withCodesInterned('CaseOpened', opened, table)).toBe(opened)
    expect(opened).toEqual(before)
    const training = {
      unitId: 'lizhou',
      occurredOn: '2017-03-02',
      sessionId: 'leadership_2017_01',
      kind: 'enforcement_training',
      topic: 'daily_study_of_law',
    }
    withCodesInterned('TrainingHeld', training, table)
    expect(table.asked).toEqual(['work_injury_recognition', 'enforcement_training'])
  })

  it('leaves codes V8 already keeps once (10 characters or fewer), other types and data that is not an object', () => {
    const table = recording()
    withCodesInterned('TrainingHeld', { kind: 'lecture' }, table)
    withCodesInterned('NoSuchEvent', { kind: 'work_injury_recognition' }, table)
    expect(withCodesInterned('CaseOpened', null, table)).toBe(null)
    expect(table.asked).toEqual([])
  })
})
