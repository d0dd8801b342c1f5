/**
 * @module One string per distinct value. Each row read from SQLite comes back as its own string, and a log has
 * few actors and few codes over many events: at a million events the copies of the same few hundred names are
 * ≈ 30 MB of the runner's memory, and of the same few dozen codes in event data (`labor_arbitration` …) ≈ 20 MB.
 * Past `max` distinct values (a log whose every event has its own actor) values are returned as given, so the
 * table never outgrows what it saves.
 */
export interface Interned {
  readonly of: (value: string) => string
  readonly clear: () => void
}

export const interned = (max = 10_000): Interned => {
  const known = new Map<string, string>()
  return {
    of: (value) => {
      const hit = known.get(value)
      if (hit !== undefined) return hit
      if (known.size < max) known.set(value, value)
      return value
    },
    clear: () => known.clear(),
  }
}

/**
 * A code as the catalog writes them (`labor_arbitration`, `work_injury_recognition`): lower snake case. V8 already
 * keeps one copy of each string of up to 10 characters that JSON.parse makes, so only longer ones are copies.
 */
const CODE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/
const isCode = (v: unknown): v is string =>
  typeof v === 'string' && v.length > 10 && v.length <= 40 && CODE.test(v)

/**
 * `data` (an event's parsed data) with each top-level code replaced by the table's copy — the same value, so
 * nothing that reads the event can tell — and returned.
 */
export const withCodesInterned = <D>(data: D, table: Interned): D => {
  if (data === null || typeof data !== 'object') return data
  const fields = data as Record<string, unknown>
  for (const key in fields) {
    const value = fields[key]
    if (isCode(value)) fields[key] = table.of(value)
  }
  return data
}
