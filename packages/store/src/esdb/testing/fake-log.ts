/**
 * @module The fake server's log: streams and `$all` in memory, with what a real EventStoreDB shows a client —
 * sparse, non-zero positions (commit = prepare = a byte offset, growing by more than one per event), revisions
 * from 0, a few `$` system events already there, ids unique per stream for idempotent retries.
 */
export interface FakeEvent {
  readonly id: string
  readonly stream: string
  readonly revision: bigint
  readonly type: string
  readonly contentType: string
  readonly data: Uint8Array
  readonly customMetadata: Uint8Array
  /** .NET ticks (100 ns) since the Unix epoch, as a string, like the server's `created`. */
  readonly created: string
  readonly position: bigint
}

export interface Proposed {
  readonly id: string
  readonly type: string
  readonly contentType: string
  readonly data: Uint8Array
  readonly customMetadata: Uint8Array
}

export type Expected =
  | { readonly kind: 'any' | 'no_stream' | 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: bigint }

export type AppendOutcome =
  | { readonly ok: true; readonly revision: bigint; readonly position: bigint }
  | { readonly ok: false; readonly current: bigint | null }

const FIRST_POSITION = 1000n

export const fakeLog = () => {
  const all: FakeEvent[] = []
  const streams = new Map<string, FakeEvent[]>()
  const listeners = new Set<(e: FakeEvent) => void>()
  let next = FIRST_POSITION
  let clock = 0n

  const write = (stream: string, p: Proposed): FakeEvent => {
    const events = streams.get(stream) ?? streams.set(stream, []).get(stream)!
    const e: FakeEvent = {
      ...p,
      stream,
      revision: BigInt(events.length),
      created: String(17_000_000_000_000_000n + ++clock),
      position: next,
    }
    // Positions are byte offsets in the real log: sparse, and never an index.
    next += 100n + BigInt(p.data.length)
    events.push(e)
    all.push(e)
    for (const l of listeners) l(e)
    return e
  }

  const current = (stream: string): bigint | null => {
    const events = streams.get(stream)
    return events && events.length > 0 ? BigInt(events.length - 1) : null
  }

  const bytes = (s: string) => new TextEncoder().encode(s)
  // A real server's log is never empty of system events.
  for (const [stream, type] of [
    ['$settings', '$settings'],
    ['$$$scavenges', '$metadata'],
    ['$stats-127.0.0.1:2113', '$statsCollected'],
  ] as const)
    write(stream, {
      id: crypto.randomUUID(),
      type,
      contentType: 'application/json',
      data: bytes('{}'),
      customMetadata: new Uint8Array(),
    })

  return {
    all: () => all as ReadonlyArray<FakeEvent>,
    stream: (name: string) => streams.get(name) as ReadonlyArray<FakeEvent> | undefined,
    current,
    /** Expected-revision check, then idempotency (the same ids already written at that place succeed again). */
    append: (stream: string, expected: Expected, proposed: ReadonlyArray<Proposed>): AppendOutcome => {
      const actual = current(stream)
      const existing = streams.get(stream) ?? []
      const ids = new Set(existing.map((e) => e.id))
      if (proposed.length > 0 && proposed.every((p) => ids.has(p.id))) {
        const last = existing.find((e) => e.id === proposed[proposed.length - 1]!.id)!
        return { ok: true, revision: last.revision, position: last.position }
      }
      const fits =
        expected.kind === 'any' ||
        (expected.kind === 'no_stream' && actual === null) ||
        (expected.kind === 'stream_exists' && actual !== null) ||
        (expected.kind === 'revision' && actual === expected.revision)
      if (!fits) return { ok: false, current: actual }
      let last: FakeEvent | undefined
      for (const p of proposed) last = write(stream, p)
      return last
        ? { ok: true, revision: last.revision, position: last.position }
        : { ok: true, revision: actual ?? -1n, position: 0n }
    },
    subscribe: (listener: (e: FakeEvent) => void) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
export type FakeLog = ReturnType<typeof fakeLog>
