/**
 * @module One string per distinct value. Each row read from SQLite comes back as its own string, and a log has
 * few actors over many events: at a million events the copies of the same few hundred names are ≈ 30 MB of the
 * runner's memory. Past `max` distinct values (a log whose every event has its own actor) values are returned
 * as given, so the table never outgrows what it saves.
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
