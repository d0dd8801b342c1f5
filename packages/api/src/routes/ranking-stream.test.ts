import { describe, expect, it } from 'vitest'
import { givenApi } from '../testing/api-spec'

const RANKING = '/v1/schemes/test-2026/ranking?view=full'

describe('the full ranking beyond one body', () => {
  it('streams the stored chunks in order, byte for byte, with their tag', async () => {
    // Six chunks of 1 MiB (a province's ranking is tens of MiB): more than one body holds.
    const chunks = Array.from({ length: 6 }, (_, i) => new Uint8Array(1048576).fill(48 + i))
    const api = await givenApi({
      with: (deps) => ({
        ...deps,
        readModels: {
          ...deps.readModels,
          rankingStream: {
            tag: () => 'a'.repeat(27),
            encoded: async () => ({ tag: 'a'.repeat(27), chunks, length: 6 * 1048576 }),
          },
        },
      }),
    })
    try {
      const res = await api.app.request(RANKING, {
        headers: { Authorization: 'Bearer admin-token-0123456789abcdef' },
      })
      expect(res.status).toBe(200)
      expect(res.headers.get('ETag')).toBe(`"${'a'.repeat(27)}"`)
      const body = new Uint8Array(await res.arrayBuffer())
      expect(body.length).toBe(6 * 1048576)
      for (let i = 0; i < 6; i++) expect(body[i * 1048576 + 17]).toBe(48 + i)
    } finally {
      api.close()
    }
  })
})
