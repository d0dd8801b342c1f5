/** A field's kind is read off its codec by name: a new numeric codec not in the list would read as text. */
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import { CATALOG, type EventType } from './catalog'
import { fieldsOf } from './fields'

/** Whether a codec is a number underneath (a brand — io-ts makes it a refinement — of t.number). */
const isNumber = (codec: t.Mixed): boolean =>
  codec instanceof t.NumberType || (codec instanceof t.RefinementType && isNumber(codec.type as t.Mixed))

describe('field kinds', () => {
  it('reads every numeric field of every event type as a number (所属年度, 延长天数 included)', () => {
    const misread = (Object.keys(CATALOG) as EventType[]).flatMap((type) => {
      const { required, optional } = CATALOG[type].codec.shape
      const kinds = fieldsOf(type)
      return Object.entries({ ...required, ...optional })
        .filter(([f, codec]) => isNumber(codec as t.Mixed) && kinds.get(f)?.kind !== 'number')
        .map(([f]) => `${type}.${f}`)
    })
    expect(misread).toEqual([])
  })
})
