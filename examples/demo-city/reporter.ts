/** @module What a unit's reporter does all year, shared by districts and sections: record a fact, name it, handle representations. */
import { between } from './calendar'
import type { Rng } from './prng'
import type { Recorder } from './recorder'
import type { DemoUnit } from './units'

export const reporter = (rec: Recorder, r: Rng, u: DemoUnit) => {
  const actor = `${u.name}填报员 (reporter@${u.unitId})`
  let seq = 0
  return {
    actor,
    /** Records one of the unit's facts on a business date. */
    at: (type: string, data: Record<string, unknown>, occurredOn: string) =>
      rec.record(type, { unitId: u.unitId, occurredOn, ...data }, actor),
    /** A readable, unique id for the unit's sessions, documents, cases… */
    id: (prefix: string, year = 2017) => `${u.unitId}-${prefix}-${year}-${String(++seq).padStart(4, '0')}`,
    /**
     * The 2017 annual report (年度法治建设报告), due 2018-01-15: one sent in January 2018 is about 2017 and
     * counts in it (`countsOn`); the deadline still compares the day it was sent.
     */
    annualReport(title: string, on: string) {
      return this.at(
        'DocumentIssued',
        {
          documentId: this.id('annual-report'),
          docType: 'annual_report',
          title,
          reportYear: 2017,
          ...(on > '2017-12-31' ? { countsOn: '2017-12-31' } : {}),
        },
        on
      )
    },
    /** 人大建议、政协提案, handled mid-year, each satisfying its proposer with probability `satisfied`. */
    representations(count: number, satisfied: number) {
      for (let i = 0; i < count; i++)
        this.at(
          'RepresentationHandled',
          {
            itemId: this.id('rep'),
            kind: r.pick(['npc_suggestion', 'cppcc_proposal']),
            completed: true,
            satisfied: r.chance(satisfied),
          },
          between(r, '2017-05-01', '2017-08-31')
        )
    },
  }
}
