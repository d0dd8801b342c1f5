/**
 * @module What the runner keeps in memory about one generation of read models: the evaluation cache (scores
 * between re-scorings), the ranking entries last written, the decoded events, and the checkpoint at which all
 * of it was true. It is trusted only at that checkpoint: `forget()` drops it all at once whenever the read
 * models may have moved without this process (a rolled-back transaction, another runner, another generation).
 * Prepared statements are not memory about the state and survive `forget()`.
 */
import { type EvaluationCache, type LogSource, type OutcomeMemos, outcomeMemos } from '@kaoping/core'
import type Database from 'better-sqlite3'
import { type Writers, writers } from './apply'
import { checkpointOf } from './checkpoint'
import { type EventCache, eventCache } from './event-cache'
import { indexSource } from './index-source'
import { interned } from './interned'
import type { Written } from './ranking-store'
import type { Tables } from './tables'

export interface GenerationMemory {
  readonly tables: Tables
  /** Scores kept between re-scorings; a unit's entries go when its events arrive. */
  readonly scores: EvaluationCache
  /** Each unit's indicator and rule outcomes, reused while the facts they read are the same (core memo.ts). */
  readonly outcomes: OutcomeMemos
  /** The ranking entries last written, so an unchanged entry is not written again. */
  readonly written: Written
  /** Decoded events (within the budget). */
  readonly events: EventCache
  /** The event index as a LogSource (prepared once). */
  readonly index: LogSource
  /** Statements that write the read models (prepared once). */
  readonly writers: Writers
  /** The checkpoint at which this memory is true; -1 when nothing is known. */
  at: number
  /** Whether this generation has been re-scored since this process opened it (the first pass always scores). */
  scored: boolean
  /** Drops everything known about the state: scores, written entries, events, the checkpoint. */
  readonly forget: () => void
}

const generationMemory = (db: Database.Database, t: Tables, budget: number): GenerationMemory => {
  const scores: EvaluationCache = new Map()
  const outcomes: OutcomeMemos = outcomeMemos()
  const written: Written = new Map()
  // One string per actor and per code in event data, whether an event was added or read back from the index
  // (interned.ts).
  const strings = interned()
  const events = eventCache(budget, strings)
  const memory: GenerationMemory = {
    tables: t,
    scores,
    outcomes,
    written,
    events,
    index: indexSource(db, t, strings),
    writers: writers(db, t),
    at: -1,
    scored: false,
    forget: () => {
      scores.clear()
      outcomes.clear()
      written.clear()
      events.clear()
      events.fill(false)
      memory.at = -1
    },
  }
  return memory
}

/** The memories of every generation this process works on; only the focused one holds events. */
export interface Memories {
  readonly of: (t: Tables) => GenerationMemory
  /** `t` is the generation being worked on: every other generation's memory is forgotten (one event budget). */
  readonly focus: (t: Tables) => GenerationMemory
  /** The generation is gone (dropped after a switch). */
  readonly drop: (t: Tables) => void
}

export const memories = (db: Database.Database, budget: number): Memories => {
  const all = new Map<number, GenerationMemory>()
  const of = (t: Tables) => {
    let m = all.get(t.generation)
    if (!m) {
      m = generationMemory(db, t, budget)
      all.set(t.generation, m)
    }
    return m
  }
  return {
    of,
    focus: (t) => {
      for (const [g, m] of all) if (g !== t.generation) m.forget()
      return of(t)
    },
    drop: (t) => {
      all.get(t.generation)?.forget()
      all.delete(t.generation)
    },
  }
}

/**
 * The source a query reads: at this memory's checkpoint, the decoded events (the index for what is not held) and
 * the facts the runner made from them, which an as-of score reuses where they come out the same (core fact-fold);
 * otherwise — the memory no longer true — the index.
 */
export const readSource = (db: Database.Database, m: GenerationMemory): LogSource =>
  m.at === checkpointOf(db, m.tables).position
    ? { ...m.events.source(m.index), knownFacts: m.outcomes.knownFacts }
    : m.index
