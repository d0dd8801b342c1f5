import { describe, expect, it } from 'vitest'
import { correctionsAfterTargets } from './batch-order'
import type { SheetEvent } from './rows'

const row = (
  id: string | undefined,
  type: string,
  data: Record<string, unknown>,
  sheet: string
): SheetEvent => ({
  envelope: { ...(id === undefined ? {} : { id }), type, data },
  sheet,
  row: 2,
  columns: new Map(),
})

describe('the order of a workbook’s rows', () => {
  it('puts a return right after the fact it returns, so the fact recorded again under its id comes after both', () => {
    const first = row('a', 'InspectionConducted', { inspectionId: 'i-33' }, '检查')
    const again = row('b', 'InspectionConducted', { inspectionId: 'i-33' }, '检查')
    const verified = row('c', 'FactVerified', { targetEventId: 'b' }, '审核通过')
    const returned = row('d', 'FactReturned', { targetEventId: 'a' }, '审核退回')
    const retracted = row('e', 'EventRetracted', { targetEventId: 'd' }, '撤回')
    expect(
      correctionsAfterTargets([first, again, verified, returned, retracted]).map((e) => e.envelope.id)
    ).toEqual(['a', 'd', 'e', 'b', 'c'])
  })

  it('keeps rows in sheet order when their targets are not in the file, and keeps every row', () => {
    const outside = row('x', 'FactVerified', { targetEventId: 'stored-long-ago' }, '审核通过')
    const noId = row(undefined, 'TrainingHeld', { sessionId: 's1' }, '学法')
    const loop1 = row('p', 'EventRetracted', { targetEventId: 'q' }, '撤回')
    const loop2 = row('q', 'EventRetracted', { targetEventId: 'p' }, '撤回')
    expect(correctionsAfterTargets([outside, noId, loop1, loop2])).toEqual([outside, noId, loop1, loop2])
  })
})
