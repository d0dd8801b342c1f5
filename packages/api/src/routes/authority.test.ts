/**
 * The role × event-type matrix over HTTP (SPEC §3 "Authority", §6 "Auth"): every catalog type posted by every
 * role to `POST /v1/events` — allowed → 201, not allowed → 403, nothing stored. The same table as the
 * application's own matrix (`packages/app/src/authority.test.ts`), through the API's tokens and routes.
 */
import * as F from '@kaoping/app/testing/authority-fixture'
import { EVENT_TYPES } from '@kaoping/core'
import { describe, expect, it } from 'vitest'
import { type As, givenApi } from '../testing/api-spec'

const TOKEN_OF: Readonly<Record<F.Who, As>> = {
  admin: 'admin',
  reviewer: 'reviewer',
  auditor: 'auditor',
  reporter: 'lizhou',
  otherReporter: 'cangxi',
}

describe('POST /v1/events by role and event type', () => {
  for (const type of EVENT_TYPES)
    for (const who of Object.keys(TOKEN_OF) as F.Who[]) {
      const allowed = F.mayAppend(who, type)
      it(`answers ${allowed ? 201 : 403} to ${who} appending ${type}`, async () => {
        const api = await givenApi({ file: F.fixtureFile() })
        try {
          const before = await api.everything()
          const r = await api.post('/v1/events', { events: [{ type, data: F.SAMPLES[type] }] }, TOKEN_OF[who])
          expect(r.status, r.text).toBe(
            allowed ? (F.allowedOutcome(type, 'append') === 'stored' ? 201 : 422) : 403
          )
          if (!allowed) expect(await api.everything()).toEqual(before)
        } finally {
          await api.close()
        }
      })
    }

  it('records the role and unit of the reporter who appended', async () => {
    const api = await givenApi({ file: F.fixtureFile() })
    try {
      const r = await api.post(
        '/v1/events',
        { events: [{ type: 'TrainingHeld', data: F.SAMPLES.TrainingHeld }] },
        'lizhou'
      )
      expect(r.status).toBe(201)
      const stored = await api.store.findEvents([r.json.events[0].id])
      expect(stored.get(r.json.events[0].id)?.actor).toMatch(/ \(reporter@lizhou\)$/)
    } finally {
      await api.close()
    }
  })

  it('refuses a retraction of the city’s 通报 by the unit it censured with 403, and stores nothing', async () => {
    const api = await givenApi({ file: F.fixtureFile() })
    try {
      const before = await api.everything()
      const r = await api.post(
        '/v1/events',
        {
          events: [
            {
              type: 'EventRetracted',
              data: { unitId: F.UNIT, occurredOn: '2017-07-01', targetEventId: F.CITY_FACT, reason: '不服' },
            },
          ],
        },
        'lizhou'
      )
      expect(r.status).toBe(403)
      expect(r.json.error.issues[0].path).toBe('events.0.data.targetEventId')
      expect(await api.everything()).toEqual(before)
    } finally {
      await api.close()
    }
  })
})

describe('POST /v1/streams/{stream} by role', () => {
  it('refuses a reporter appending the city’s veto to its own stream', async () => {
    const api = await givenApi({ file: F.fixtureFile() })
    try {
      const r = await api.post(
        `/v1/streams/unit-${F.UNIT}`,
        { events: [{ type: 'VetoIncidentRecorded', data: F.SAMPLES.VetoIncidentRecorded }] },
        'lizhou'
      )
      expect(r.status).toBe(403)
    } finally {
      await api.close()
    }
  })
})
