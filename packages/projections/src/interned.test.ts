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

describe('one copy of each repeated string', () => {
  it('passes the codes in event data through the table, and nothing else', () => {
    const table = recording()
    const data = {
      unitId: 'lizhou',
      caseId: 'case-2017-0001',
      kind: 'work_injury_recognition',
      instance: 'first',
      resolution: 'labor_arbitration',
      occurredOn: '2017-03-01',
      caseNumber: '（2017）川0802行初12号',
      title: 'annual_report_of_2017_for_the_city_that_is_far_too_long',
      topic: 'Leadership_Study',
      subject: 'unemploymentinsurance',
      reference: 'doc_2017_031_',
      code: 'procuratorial_supervision_and_a_much_longer_tail',
      withinTimeLimit: true,
      hearings: 3,
      attachments: ['labor_arbitration'],
    }
    const before = structuredClone(data)
    expect(withCodesInterned(data, table)).toBe(data)
    expect(data).toEqual(before)
    expect(table.asked).toEqual(['work_injury_recognition', 'labor_arbitration'])
  })

  it('leaves data that is not an object as it is', () => {
    const table = recording()
    expect(withCodesInterned(null, table)).toBe(null)
    expect(withCodesInterned('labor_arbitration', table)).toBe('labor_arbitration')
    expect(table.asked).toEqual([])
  })
})
