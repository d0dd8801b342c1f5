/**
 * @module Decoded events kept in memory for scoring the current state: each unit's events and the registry, as
 * the event index would return them. A re-scoring then reads no index range and parses no JSON; a new event is
 * appended to its unit's list. Bounded by an event budget: the least recently used units go first and are read
 * again from the index when next needed. A cut on the recorded basis is served from memory too when the unit's
 * list is held (filtered by recording instant, as the index filters its `recorded_ms`); other units read the
 * index. The owner clears the cache whenever the read models may have moved without it (a failed transaction,
 * another runner, a new generation).
 */
import { decodeEvent, type LogSource, publishedSchemes, type Scheme, type StoredEvent } from '@kaoping/core'
import type { RecordedEvent } from '@kaoping/store'
import * as E from 'fp-ts/Either'
import { type Interned, interned, withCodesInterned } from './interned'

export interface EventCache {
  /** `index`, served from memory where possible. */
  readonly source: (index: LogSource) => LogSource
  /**
   * An event just projected (`recordedMs`: its recording instant, `Date.parse`d as the index stores it). `unitId`
   * is its unit (undefined for registry events). While `filling`, units not yet seen get a list (their first
   * event is this one); otherwise only complete lists grow.
   */
  readonly add: (e: RecordedEvent, unitId: string | undefined, recordedMs: number) => void
  /** From position 0 of a new generation every unit's list is complete from its first event: keep them all. */
  readonly fill: (on: boolean) => void
  /**
   * Whether `source` answers the current state (no cut) without reading the index: every event since position 0
   * added, no unit's list dropped since (the registry, held from position 0 too, is then complete). A rebuild
   * scores from memory while its index is still being written.
   */
  readonly whole: () => boolean
  readonly clear: () => void
  /** Events held (for tests and figures). */
  readonly size: () => number
}

const isRegistry = (type: string) => type === 'UnitRegistered' || type === 'SchemePublished'

const storedOf = (e: RecordedEvent, data: unknown, actor: string): StoredEvent =>
  ({
    id: e.id,
    type: e.type,
    data,
    recordedAt: e.recordedAt,
    actor,
    seq: Number(e.position),
  }) as StoredEvent

/** A held list's recording instants (ms, `Date.parse` as the index stores them) and whether they never go back. */
const instants = new WeakMap<ReadonlyArray<StoredEvent>, { readonly ms: number[]; ordered: boolean }>()

/**
 * The events of a held list recorded by `ms`, as the index filters its `recorded_ms`. Each event's instant is
 * parsed once (lists only grow at their end); in the usual log, recorded in order, the answer is a prefix.
 */
const recordedBy = (list: ReadonlyArray<StoredEvent>, ms: number): ReadonlyArray<StoredEvent> => {
  let known = instants.get(list)
  if (!known) {
    known = { ms: [], ordered: true }
    instants.set(list, known)
  }
  const times = known.ms
  for (let i = times.length; i < list.length; i++) {
    const t = Date.parse(list[i]!.recordedAt)
    if (i > 0 && t < times[i - 1]!) known.ordered = false
    times.push(t)
  }
  if (!known.ordered) return list.filter((_, i) => times[i]! <= ms)
  let lo = 0
  let hi = times.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (times[mid]! <= ms) lo = mid + 1
    else hi = mid
  }
  return list.slice(0, lo)
}

/** `strings`: one copy of each actor's name and each code in event data (interned.ts). */
export const eventCache = (budget: number, strings: Interned = interned()): EventCache => {
  /** Insertion order is recency: a unit read or written moves to the end. */
  const units = new Map<string, StoredEvent[]>()
  /** Units dropped while filling: their lists would now be incomplete. */
  const dropped = new Set<string>()
  let registry: StoredEvent[] | undefined
  let schemes: Scheme[] | undefined
  let held = 0
  let filling = false
  /** Nothing added or read since the cache was made or cleared. */
  let untouched = true
  /** Every event since position 0 has been added (filling began untouched, and nothing was cleared since). */
  let sinceStart = false
  /** And no unit's list was dropped since (the budget): every list is held. */
  let allHeld = false
  /** Of those, the last recorded (the latest instant; a later position on a tie), as the index orders them. */
  let latest: { ms: number; recordedAt: string } | undefined
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
      allHeld = false
      if (filling) dropped.add(unitId)
    }
  }

  const clear = () => {
    units.clear()
    dropped.clear()
    registry = undefined
    schemes = undefined
    strings.clear()
    held = 0
    untouched = true
    sinceStart = false
    allHeld = false
    latest = undefined
  }

  return {
    source: (index) => ({
      registry: (ms) => {
        untouched = false
        if (ms !== undefined) return registry ? recordedBy(registry, ms) : index.registry(ms)
        registry ??= [...index.registry()]
        return registry
      },
      unitEvents: (unitId, ms) => {
        untouched = false
        if (ms !== undefined) {
          const held = units.get(unitId)
          return held ? recordedBy(held, ms) : index.unitEvents(unitId, ms)
        }
        const hit = units.get(unitId)
        if (hit) {
          touch(unitId, hit)
          return hit
        }
        // Every list held: a unit without one has no events.
        if (allHeld) return []
        const list = [...index.unitEvents(unitId)]
        if (list.length <= budget) {
          units.set(unitId, list)
          held += list.length
          shrink(unitId)
        }
        return list
      },
      // A held registry is complete (held from position 0, or read whole from the index, then grown).
      allSchemes: () => {
        untouched = false
        schemes ??= registry ? publishedSchemes(registry) : [...index.allSchemes()]
        return schemes
      },
      lastRecordedAt: (ms) =>
        ms === undefined && sinceStart ? (latest?.recordedAt ?? null) : index.lastRecordedAt(ms),
    }),
    add: (e, unitId, recordedMs) => {
      untouched = false
      if (sinceStart && (latest === undefined || recordedMs >= latest.ms))
        latest = { ms: recordedMs, recordedAt: e.recordedAt }
      if (isRegistry(e.type)) {
        // Whether or not the registry is held, the schemes known so far are no longer all of them.
        if (e.type === 'SchemePublished') schemes = undefined
        if (registry === undefined && !filling) return
        // Registry events are decoded, as the index decodes them (a scheme's metrics decode into another shape).
        const d = decodeEvent(e.type, e.data)
        if (E.isLeft(d)) throw new Error(`event ${e.position} (${e.type}) no longer decodes`)
        registry ??= []
        registry.push(storedOf(e, d.right.data, strings.of(e.actor)))
        return
      }
      if (unitId === undefined) return
      let list = units.get(unitId)
      if (!list) {
        if (!filling || dropped.has(unitId)) {
          allHeld = false
          return
        }
        list = []
        units.set(unitId, list)
      }
      list.push(storedOf(e, withCodesInterned(e.type, e.data, strings), strings.of(e.actor)))
      held++
      if (held > budget) shrink(unitId)
    },
    fill: (on) => {
      if (on && untouched) sinceStart = allHeld = true
      filling = on
      if (!on) dropped.clear()
    },
    whole: () => allHeld,
    clear,
    size: () => held,
  }
}
