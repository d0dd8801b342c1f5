/**
 * @module One string per distinct value. Each row read from SQLite comes back as its own string, and a log has
 * few actors and few codes over many events: at a million events the copies of the same few hundred names are
 * ≈ 30 MB of the runner's memory, and of the same few dozen codes in event data (`labor_arbitration` …) ≈ 20 MB.
 * Past `max` distinct values (a log whose every event has its own actor) values are returned as given, so the
 * table never outgrows what it saves.
 */
import { fieldsOf, isEventType } from '@kaoping/core'

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

/** Each event type's fields the catalog declares as codes (its enumerations), found once per type. */
const codeFields = new Map<string, ReadonlyArray<string>>()
const codeFieldsOf = (type: string): ReadonlyArray<string> => {
  let known = codeFields.get(type)
  if (!known) {
    known = isEventType(type)
      ? [...fieldsOf(type)].flatMap(([name, f]) => (f.kind === 'enum' && !name.includes('.') ? [name] : []))
      : []
    codeFields.set(type, known)
  }
  return known
}

/**
 * `data` (an event of `type`'s parsed data) with each code — a value of a field the catalog declares as an
 * enumeration — replaced by the table's copy: the same value, so nothing that reads the event can tell. Only
 * codes: they are a few dozen values (an id or a name would fill the table and stop it sharing anything). V8
 * already keeps one copy of each string of up to 10 characters that JSON.parse makes, so only longer ones are
 * passed to the table.
 */
export const withCodesInterned = <D>(type: string, data: D, table: Interned): D => {
  if (data === null || typeof data !== 'object') return data
  const fields = data as Record<string, unknown>
  for (const name of codeFieldsOf(type)) {
    const value = fields[name]
    if (typeof value === 'string' && value.length > 10) fields[name] = table.of(value)
  }
  return data
}
