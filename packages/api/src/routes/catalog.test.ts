/** `GET /v1/catalog`: the vocabulary the page generates forms from and shows stored events with. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Api, givenApi } from '../testing/api-spec'

let api: Api
beforeEach(async () => {
  api = await givenApi()
})
afterEach(() => api.close())

const field = (
  doc: { types: Array<{ type: string; fields: Array<{ field: string }> }> },
  type: string,
  name: string
) => doc.types.find((t) => t.type === type)?.fields.find((f) => f.field === name)

describe('GET /v1/catalog', () => {
  it('gives a closed vocabulary its only values by Chinese name', async () => {
    const doc = (await api.get('/v1/catalog', 'lizhou')).json
    expect(field(doc, 'NotificationReceived', 'issuer')).toEqual({
      field: 'issuer',
      label: '通报机关',
      required: true,
      input: 'choice',
      choices: [
        { code: 'province', label: '省厅' },
        { code: 'city', label: '市局' },
      ],
    })
  })

  it('gives an open vocabulary its known values by Chinese name, still typed as text (another slug may be new)', async () => {
    const doc = (await api.get('/v1/catalog', 'lizhou')).json
    expect(field(doc, 'NotificationReceived', 'reason')).toMatchObject({
      input: 'text',
      open: true,
      choices: expect.arrayContaining([{ code: 'policy_publicity_inadequate', label: '政策法规宣传不到位' }]),
    })
    expect(field(doc, 'VetoIncidentRecorded', 'kind')).toMatchObject({
      open: true,
      choices: expect.arrayContaining([{ code: 'mass_incident_or_petition', label: '群体性事件或集体上访' }]),
    })
    expect(field(doc, 'TrainingHeld', 'topic')).not.toHaveProperty('choices')
  })
})
