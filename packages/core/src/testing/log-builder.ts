/** @module Builds an event file (NDJSON text) line by line, the way a reporter would record a year. */
let uuidCounter = 0x100000

export interface LineSpec {
  readonly type: string
  readonly data: Record<string, unknown>
  /** Defaults to one minute after the previous line, from 2017-01-01T00:00Z. */
  readonly recordedAt?: string
  readonly id?: string
  /** Who recorded it (`名称 (role@unitId)`); none by default, as in a hand-written file. */
  readonly actor?: string
}

export interface LogBuilder {
  readonly add: (...lines: ReadonlyArray<LineSpec>) => LogBuilder
  /** Ids of the lines added so far, in order. */
  readonly ids: () => ReadonlyArray<string>
  readonly text: () => string
}

export const uuid = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`

export const logBuilder = (): LogBuilder => {
  const lines: Array<{ id: string; type: string; data: unknown; recordedAt: string; actor?: string }> = []
  let clock = Date.parse('2017-01-01T00:00:00Z')
  const builder: LogBuilder = {
    add: (...specs) => {
      for (const s of specs) {
        clock += 60_000
        lines.push({
          id: s.id ?? uuid(++uuidCounter),
          type: s.type,
          data: s.data,
          recordedAt: s.recordedAt ?? new Date(clock).toISOString(),
          ...(s.actor === undefined ? {} : { actor: s.actor }),
        })
      }
      return builder
    },
    ids: () => lines.map((l) => l.id),
    text: () => lines.map((l) => JSON.stringify(l)).join('\n'),
  }
  return builder
}
