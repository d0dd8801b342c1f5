/**
 * @module A small city for tests of the server and the commands on EventStoreDB, where loading the demo city
 * takes minutes: two districts under a one-indicator scheme (学法不少于4次, 10 points, linear), so a district
 * with 2 trainings scores 5.00, 3 score 7.50, 4 or more 10.00.
 */
import { appendValidated } from '@kaoping/app'
import type { EventStore } from '@kaoping/store'
import * as E from 'fp-ts/Either'

export const SMALL_SCHEME_ID = 'test-2026'

const SCHEME = {
  schemeId: SMALL_SCHEME_ID,
  version: 1,
  title: '测试考核办法',
  appliesTo: 'district',
  period: { from: '2026-01-01', to: '2026-12-31' },
  categories: [
    {
      id: 'A',
      name: '学法',
      max: 10,
      indicators: [
        {
          id: 'A1',
          name: '学法不少于4次',
          max: 10,
          metric: { count: 'TrainingHeld' },
          scoring: { kind: 'linear', target: 4 },
        },
      ],
    },
  ],
  grades: [
    { name: '优秀', min: 9 },
    { name: '合格', min: 0 },
  ],
}

let sessions = 0
const training = (unitId: string) => ({
  type: 'TrainingHeld',
  data: {
    unitId,
    occurredOn: '2026-03-10',
    sessionId: `s-${++sessions}`,
    kind: 'leadership_study',
    topic: '学习宪法',
    attendees: 20,
  },
})

/** The city's events (as `POST /v1/events` takes them), with this many trainings per district. */
export const smallCity = (trainings: { readonly lizhou: number; readonly cangxi: number }) => [
  { type: 'UnitRegistered', data: { unitId: 'lizhou', name: '利州区', kind: 'district' } },
  { type: 'UnitRegistered', data: { unitId: 'cangxi', name: '苍溪县', kind: 'district' } },
  { type: 'SchemePublished', data: { schemeId: SCHEME.schemeId, version: 1, scheme: SCHEME } },
  ...Array.from({ length: trainings.lizhou }, () => training('lizhou')),
  ...Array.from({ length: trainings.cangxi }, () => training('cangxi')),
]

/** Appends the city to a store, as an admin would. */
export const fillSmallCity = async (
  store: EventStore,
  trainings: { readonly lizhou: number; readonly cangxi: number }
): Promise<void> => {
  const r = await appendValidated(store, smallCity(trainings), {
    principal: { role: 'admin', name: 'test' },
    newId: () => crypto.randomUUID(),
  })
  if (E.isLeft(r)) throw new Error(`bad small city: ${JSON.stringify(r.left)}`)
}

/** Each unit's total in a Result's JSON. */
export const totalsOf = (json: string): Record<string, string> =>
  Object.fromEntries(
    (JSON.parse(json) as { units: Array<{ unitId: string; total: string }> }).units.map((u) => [
      u.unitId,
      u.total,
    ])
  )
