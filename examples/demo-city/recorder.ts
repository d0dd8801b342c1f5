/**
 * @module Collects a year of events in the order things happen, then stamps recordedAt: a few days after the
 * business date, in Beijing office hours, never before an event it follows (a case's earlier steps, a retraction's target).
 */
import type { Rng } from './prng'

export interface DemoEventLine {
  readonly id: string
  readonly type: string
  readonly data: Record<string, unknown>
  readonly recordedAt: string
  readonly actor: string
}

interface Pending {
  readonly id: string
  readonly type: string
  readonly data: Record<string, unknown>
  readonly actor: string
  readonly after?: string
  readonly order: number
  readonly day?: string
  readonly lagDays: number
  readonly minute: number
}

const BEIJING = 8 * 3_600_000

export interface Recorder {
  /**
   * Records a fact; `after` is an event id this one must be recorded after; `on` dates an event whose data
   * has no business date (a scheme's publication). Returns the new id.
   */
  readonly record: (
    type: string,
    data: Record<string, unknown>,
    actor: string,
    after?: string,
    on?: string
  ) => string
  readonly lines: () => DemoEventLine[]
}

export const recorder = (r: Rng, start: string): Recorder => {
  const pending: Pending[] = []
  return {
    record: (type, data, actor, after, on) => {
      const id = r.uuid()
      // Facts: office hours 08:30–17:30 Beijing, a lag of 0–10 days, most within 3. Registry entries
      // (no business date) are set up in one sitting on the start day, before any fact.
      const day = on ?? (typeof data.occurredOn === 'string' ? data.occurredOn : undefined)
      const dated = day !== undefined
      const lagDays = dated ? Math.min(10, Math.floor(r.next() ** 2 * 11)) : 0
      const minute = dated ? r.int(510, 1050) : 480 + pending.length
      pending.push({
        id,
        type,
        data,
        actor,
        ...(after ? { after } : {}),
        ...(day ? { day } : {}),
        order: pending.length,
        lagDays,
        minute,
      })
      return id
    },
    lines: () => {
      const at = new Map<string, number>()
      const stamped = pending.map((p) => {
        const day = p.day ?? start
        let ms = Date.parse(`${day}T00:00:00Z`) - BEIJING + p.lagDays * 86_400_000 + p.minute * 60_000
        const before = p.after === undefined ? undefined : at.get(p.after)
        if (before !== undefined && ms <= before) ms = before + 60_000
        at.set(p.id, ms)
        return { p, ms }
      })
      stamped.sort((a, b) => a.ms - b.ms || a.p.order - b.p.order)
      // Strictly increasing instants, so the order of the file is the order of recording.
      let last = Number.NEGATIVE_INFINITY
      return stamped.map(({ p, ms }) => {
        const t = ms <= last ? last + 1 : ms
        last = t
        return { id: p.id, type: p.type, data: p.data, recordedAt: new Date(t).toISOString(), actor: p.actor }
      })
    },
  }
}
