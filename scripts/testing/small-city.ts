/**
 * @module A small city for tests of the server and the commands on EventStoreDB, where loading the demo city
 * takes minutes: two districts under a one-indicator scheme (学法不少于4次, 10 points, linear), so a district
 * with 2 trainings scores 5.00, 3 score 7.50, 4 or more 10.00.
 */
import { appendValidated } from '@kaoping/app'
import { learningScheme, smallCity as sharedSmallCity } from '@kaoping/core/testing/small-city'
import type { EventStore } from '@kaoping/store'
import * as E from 'fp-ts/Either'

export const SMALL_SCHEME_ID = 'test-2026'

/** The city's events (as `POST /v1/events` takes them), with this many trainings per district. */
export const smallCity = (trainings: { readonly lizhou: number; readonly cangxi: number }) =>
  sharedSmallCity(trainings, learningScheme({ schemeId: SMALL_SCHEME_ID }))

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
