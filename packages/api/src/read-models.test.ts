/**
 * Read models ahead of the store they are read with (it was emptied, restarted empty or restored from an older
 * backup), or reported by the runner as not the store's, answer nothing: reads wait for the rebuild, then 503.
 */
import { createMemoryStore } from '@kaoping/store'
import { afterEach, describe, expect, it } from 'vitest'
import { projectedReadModels } from './read-models'
import { type Api, givenApi } from './testing/api-spec'

let api: Api
afterEach(() => api.close())

describe('read models and the store they are read with', () => {
  it('settle at once when they include the store’s head', async () => {
    api = await givenApi()
    const own = projectedReadModels({ ...api, following: { waitFor: async () => true } })
    expect(await own.settle(100)).toBe(true)
  })

  it('never settle while they are ahead of the store’s head', async () => {
    api = await givenApi()
    // Nine events projected; the store now read holds none.
    const emptied = createMemoryStore({ clock: () => '2026-03-01T00:00:00.000Z' })
    const readModels = projectedReadModels({
      store: emptied,
      db: api.db,
      projector: api.projector,
      following: { waitFor: async () => true },
    })
    expect(api.projector.position()).toBe(9n)
    expect(await readModels.settle(100)).toBe(false)
  })

  it('never settle while the runner reports they are not the store’s, and settle once it is over', async () => {
    api = await givenApi()
    let problem: string | undefined = '读模型投影自另一个事件存储；正在重建'
    const readModels = projectedReadModels({
      ...api,
      following: { waitFor: async () => true, storeProblem: () => problem },
    })
    expect(await readModels.settle(100)).toBe(false)
    setTimeout(() => {
      problem = undefined
    }, 100)
    expect(await readModels.settle(2000)).toBe(true)
  })
})
