/**
 * @module How each event changes the read models (event index, unit registry, case index). Pure SQL writes
 * inside the caller's transaction; returns the units whose scores the event may change.
 */
import type { DomainEvent } from '@kaoping/core'
import type { RecordedEvent } from '@kaoping/store'
import type Database from 'better-sqlite3'
import type { Tables } from './tables'

export interface Writers {
  readonly apply: (e: RecordedEvent, decoded: DomainEvent) => string | undefined
}

export const writers = (db: Database.Database, t: Tables): Writers => {
  const q = {
    index: db.prepare(
      `INSERT INTO ${t.events} (position, event_id, type, unit_id, occurred_on, recorded_at, recorded_ms, actor, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
    ),
    unit: db.prepare(
      `INSERT INTO ${t.units} (unit_id, name, kind) VALUES (?, ?, ?) ON CONFLICT (unit_id) DO UPDATE SET name = excluded.name, kind = excluded.kind`
    ),
    open: db.prepare(
      `INSERT OR REPLACE INTO ${t.cases} (case_id, unit_id, kind, subject, opened_on, status, hearings, decisions, closed_on) VALUES (?, ?, ?, ?, ?, 'open', 0, '{}', NULL)`
    ),
    hearing: db.prepare(`UPDATE ${t.cases} SET hearings = hearings + 1 WHERE case_id = ?`),
    decide: db.prepare(
      `UPDATE ${t.cases} SET decisions = json_set(decisions, '$.' || ?, ?) WHERE case_id = ?`
    ),
    close: db.prepare(`UPDATE ${t.cases} SET status = 'closed', closed_on = ? WHERE case_id = ?`),
    perform: db.prepare(`UPDATE ${t.cases} SET status = 'performed' WHERE case_id = ?`),
  }
  return {
    apply: (e, decoded) => {
      const data = decoded.data as Record<string, unknown>
      const unitId =
        decoded.type === 'UnitRegistered' || decoded.type === 'SchemePublished'
          ? null
          : (data.unitId as string)
      const occurredOn = typeof data.occurredOn === 'string' ? data.occurredOn : null
      q.index.run(
        e.position,
        e.id,
        e.type,
        unitId,
        occurredOn,
        e.recordedAt,
        Date.parse(e.recordedAt),
        e.actor,
        JSON.stringify(e.data)
      )
      switch (decoded.type) {
        case 'UnitRegistered':
          q.unit.run(decoded.data.unitId, decoded.data.name, decoded.data.kind)
          return decoded.data.unitId
        case 'CaseOpened':
          q.open.run(
            decoded.data.caseId,
            decoded.data.unitId,
            decoded.data.kind,
            decoded.data.subject ?? null,
            decoded.data.occurredOn
          )
          break
        case 'HearingHeld':
          q.hearing.run(decoded.data.caseId)
          break
        case 'CaseDecided':
          q.decide.run(decoded.data.instance, decoded.data.outcome, decoded.data.caseId)
          break
        case 'CaseClosed':
          q.close.run(decoded.data.occurredOn, decoded.data.caseId)
          break
        case 'RulingPerformed':
          q.perform.run(decoded.data.caseId)
          break
        default:
          break
      }
      return unitId ?? undefined
    },
  }
}
