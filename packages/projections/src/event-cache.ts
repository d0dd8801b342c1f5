/**
 * @module Decoded events kept in memory for scoring the current state: each unit's events and the registry, as
 * the event index would return them. A re-scoring then reads no index range and parses no JSON; a new event is
 * appended to its unit's list. Bounded by an event budget: the least recently used units go first and are read
 * again from the index when next needed. A cut on the recorded basis is served from memory too when the unit's
 * list is held (filtered by recording instant, as the index filters its `recorded_ms`); other units read the
 * index. The owner clears the cache whenever the read models may have moved without it (a failed transaction,
 * another runner, a new generation).
 */
import { decodeEvent, type LogSource, type Scheme, type StoredEvent } from '@kaoping/core'
import type { RecordedEvent } from '@kaoping/store'
import * as E from 'fp-ts/Either'

export interface EventCache {
  /** `index`, served from memory where possible. */
  readonly source: (index: LogSource) => LogSource
  /**
   * An event just written to the index. `unitId` is its unit (undefined for registry events). While `filling`,
   * units not yet seen get a list (their first event is this one); otherwise only complete lists grow.
   */
  readonly add: (e: RecordedEvent, unitId: string | undefined) => void
  /** From position 0 of a new generation every unit's list is complete from its first event: keep them all. */
  readonly fill: (on: boolean) => void
  readonly clear: () => void
  /** Events held (for tests and figures). */
  readonly size: () => number
}

const isRegistry = (type: string) => type === 'UnitRegistered' || type === 'SchemePublished'

const storedOf = (e: RecordedEvent, data: unknown): StoredEvent =>
  ({
    id: e.id,
    type: e.type,
    data,
    recordedAt: e.recordedAt,
    actor: e.actor,
    seq: Number(e.position),
  }) as StoredEvent

/** An event's recording instant, as the index stores it (`Date.parse` of the same text). */
const recordedMs = (e: StoredEvent) => Date.parse(e.recordedAt)

export const eventCache = (budget: number): EventCache => {
  /** Insertion order is recency: a unit read or written moves to the end. */
  const units = new Map<string, StoredEvent[]>()
  /** Units dropped while filling: their lists would now be incomplete. */
  const dropped = new Set<string>()
  let registry: StoredEvent[] | undefined
  let schemes: Scheme[] | undefined
  let held = 0
  let filling = false

  const touch = (unitId: string, list: StoredEvent[]) => {
    units.delete(unitId)
    units.set(unitId, list)
  }
  const shrink = (keep?: string) => {
    for (const [unitId, list] of units) {
      if (held <= budget) return
      if (unitId === keep) continue
      units.delete(unitId)
      held -= list.length
      if (filling) dropped.add(unitId)
    }
  }

  const clear = () => {
    units.clear()
    dropped.clear()
    registry = undefined
    schemes = undefined
    held = 0
  }

  return {
    source: (index) => ({
      registry: (ms) => {
        if (ms !== undefined)
          return registry ? registry.filter((e) => recordedMs(e) <= ms) : index.registry(ms)
        registry ??= [...index.registry()]
        return registry
      },
      unitEvents: (unitId, ms) => {
        if (ms !== undefined) {
          const held = units.get(unitId)
          return held ? held.filter((e) => recordedMs(e) <= ms) : index.unitEvents(unitId, ms)
        }
        const hit = units.get(unitId)
        if (hit) {
          touch(unitId, hit)
          return hit
        }
        const list = [...index.unitEvents(unitId)]
        if (list.length <= budget) {
          units.set(unitId, list)
          held += list.length
          shrink(unitId)
        }
        return list
      },
      allSchemes: () => {
        schemes ??= [...index.allSchemes()]
        return schemes
      },
      lastRecordedAt: (ms) => index.lastRecordedAt(ms),
    }),
    add: (e, unitId) => {
      if (isRegistry(e.type)) {
        // Whether or not the registry is held, the schemes known so far are no longer all of them.
        if (e.type === 'SchemePublished') schemes = undefined
        if (registry === undefined && !filling) return
        // Registry events are decoded, as the index decodes them (a scheme's metrics decode into another shape).
        const d = decodeEvent(e.type, e.data)
        if (E.isLeft(d)) throw new Error(`event ${e.position} (${e.type}) no longer decodes`)
        registry ??= []
        registry.push(storedOf(e, d.right.data))
        return
      }
      if (unitId === undefined) return
      let list = units.get(unitId)
      if (!list) {
        if (!filling || dropped.has(unitId)) return
        list = []
        units.set(unitId, list)
      }
      list.push(storedOf(e, e.data))
      held++
      if (held > budget) shrink(unitId)
    },
    fill: (on) => {
      filling = on
      if (!on) dropped.clear()
    },
    clear,
    size: () => held,
  }
}
