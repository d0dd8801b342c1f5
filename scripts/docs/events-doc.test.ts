import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { eventsDoc } from './events-doc'

describe('docs/events.md', () => {
  it('is what the catalog gives (run pnpm docs:events after changing the catalog)', () => {
    expect(readFileSync(new URL('../../docs/events.md', import.meta.url), 'utf8')).toBe(eventsDoc())
  })
})
