/** Every field a person fills in or reads has a Chinese name: the template's headers and the page's labels. */
import { CATALOG, type EventType } from '@kaoping/core'
import { describe, expect, it } from 'vitest'
import { FIELD_LABELS } from './layout'

describe('field labels', () => {
  it('names every field of every event type in Chinese', () => {
    const missing = (Object.keys(CATALOG) as EventType[]).flatMap((type) => {
      const { required, optional } = CATALOG[type].codec.shape
      return Object.keys({ ...required, ...optional })
        .filter((f) => !/[\u4e00-\u9fff]/.test(FIELD_LABELS[f] ?? ''))
        .map((f) => `${type}.${f}`)
    })
    expect(missing).toEqual([])
  })
})
