/**
 * @module An in-process EventStoreDB for tests, speaking the real gRPC wire protocol through the client package's
 * own generated service definitions (pinned client version): Streams Read (streams and `$all`, both directions,
 * counts, stream-not-found, subscriptions with confirmation, catch-up then live, filters), Append and BatchAppend,
 * ServerFeatures (switchable: answered, or UNIMPLEMENTED as an unknown server version), Gossip (one leader).
 * Faults: drop every open subscription, stop, start again on the same port with the same log.
 * Semantics follow EventStoreDB's documented gRPC behaviour (numbered notes in comments).
 */
// The generated modules are CommonJS: under Node's own ESM loader only their default export is reliable.
import gossipGrpc from '@eventstore/db-client/generated/gossip_grpc_pb.js'
import type { ClusterInfo } from '@eventstore/db-client/generated/gossip_pb.js'
import gossipPb from '@eventstore/db-client/generated/gossip_pb.js'
import featuresGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js'
import type { SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb.js'
import featuresPb from '@eventstore/db-client/generated/serverfeatures_pb.js'
import type { Empty as EmptyMessage } from '@eventstore/db-client/generated/shared_pb.js'
import sharedPb from '@eventstore/db-client/generated/shared_pb.js'
import statusPb from '@eventstore/db-client/generated/status_pb.js'
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js'
import type {
  AppendReq,
  AppendResp as AppendRespMessage,
  BatchAppendReq,
  BatchAppendResp as BatchAppendRespMessage,
  ReadReq,
  ReadResp as ReadRespMessage,
} from '@eventstore/db-client/generated/streams_pb.js'
import streamsPb from '@eventstore/db-client/generated/streams_pb.js'
import * as grpc from '@grpc/grpc-js'
import anyPb from 'google-protobuf/google/protobuf/any_pb.js'
import { type Expected, type FakeEvent, type FakeLog, fakeLog, type Proposed } from './fake-log'

const { GossipService } = gossipGrpc
const { ClusterInfo: ClusterInfoClass, EndPoint, MemberInfo } = gossipPb
const { ServerFeaturesService } = featuresGrpc
const { SupportedMethod, SupportedMethods: SupportedMethodsClass } = featuresPb
const {
  AllStreamPosition,
  Empty,
  StreamIdentifier,
  UUID,
  WrongExpectedVersion: SharedWrongExpectedVersion,
} = sharedPb
const { StreamsService } = streamsGrpc
const { AppendResp, BatchAppendResp, ReadResp } = streamsPb
const { Status } = statusPb
const { Any } = anyPb
type ReadResp = ReadRespMessage
type AppendResp = AppendRespMessage
type BatchAppendResp = BatchAppendRespMessage
type Empty = EmptyMessage

const text = (b: Uint8Array | string) => (typeof b === 'string' ? b : new TextDecoder().decode(b))

const recorded = (e: FakeEvent) => {
  const r = new ReadResp.ReadEvent.RecordedEvent()
  r.setId(new UUID().setString(e.id))
  r.setStreamIdentifier(new StreamIdentifier().setStreamName(new TextEncoder().encode(e.stream)))
  // uint64 travel as strings (§4.1); commit = prepare for every event on a modern server (§4.3).
  r.setStreamRevision(e.revision.toString())
  r.setCommitPosition(e.position.toString())
  r.setPreparePosition(e.position.toString())
  r.getMetadataMap().set('type', e.type)
  r.getMetadataMap().set('content-type', e.contentType)
  r.getMetadataMap().set('created', e.created)
  r.setData(e.data)
  r.setCustomMetadata(e.customMetadata)
  return r
}

const eventResp = (e: FakeEvent) =>
  new ReadResp().setEvent(
    new ReadResp.ReadEvent().setEvent(recorded(e)).setCommitPosition(e.position.toString())
  )

type Filter = (e: FakeEvent) => boolean

const filterOf = (options: ReadReq.Options): Filter => {
  if (!options.hasFilter()) return () => true
  const f = options.getFilter()!
  const expr = f.hasEventType() ? f.getEventType()! : f.getStreamIdentifier()!
  const pick = (e: FakeEvent) => (f.hasEventType() ? e.type : e.stream)
  const regex = expr.getRegex() ? new RegExp(expr.getRegex()) : undefined
  const prefixes = expr.getPrefixList()
  return (e) => (regex ? regex.test(pick(e)) : prefixes.some((p) => pick(e).startsWith(p)))
}

export interface FakeServerOptions {
  /** Answer ServerFeatures (default) or UNIMPLEMENTED, as an unknown server version would. */
  readonly serverFeatures?: boolean
  /** Advertise BatchAppend (default, as production servers do: the client then appends through it). */
  readonly batchAppend?: boolean
}

export interface FakeServer {
  readonly port: number
  readonly connectionString: string
  readonly log: FakeLog
  /** How many appends came through each path (to prove which one the client took). */
  readonly calls: { append: number; batchAppend: number }
  /** How many events reads of `$all` forwards have sent (to prove what a client read again). */
  readonly sent: { all: number }
  /** Ends every open subscription with UNAVAILABLE, as a dropped connection would. */
  readonly dropSubscriptions: () => void
  readonly stop: () => Promise<void>
  /** Listens again on the same port with the same log. */
  readonly start: () => Promise<void>
}

export const startFakeServer = async (
  options: FakeServerOptions = {},
  port = 0,
  log = fakeLog()
): Promise<FakeServer> => {
  const subscriptions = new Set<grpc.ServerWritableStream<ReadReq, ReadResp>>()
  const calls = { append: 0, batchAppend: 0 }
  const sent = { all: 0 }
  let server: grpc.Server | undefined

  const read: grpc.handleServerStreamingCall<ReadReq, ReadResp> = (call) => {
    const o = call.request.getOptions()!
    const forwards = o.getReadDirection() === 0
    const filter = filterOf(o)
    if (o.hasSubscription()) return subscribe(call, o, filter)
    const count = o.hasCount() ? BigInt(o.getCount()) : BigInt(Number.MAX_SAFE_INTEGER)
    let events: ReadonlyArray<FakeEvent>
    if (o.hasStream()) {
      const s = o.getStream()!
      const name = text(s.getStreamIdentifier()!.getStreamName())
      const stream = log.stream(name)
      if (!stream) {
        // A missing stream is a message, not an error status (§4.9).
        call.write(
          new ReadResp().setStreamNotFound(
            new ReadResp.StreamNotFound().setStreamIdentifier(s.getStreamIdentifier())
          )
        )
        call.end()
        return
      }
      const from = s.hasRevision() ? BigInt(s.getRevision()) : undefined
      events = forwards
        ? stream.filter((e) => from === undefined || e.revision >= from)
        : [...stream].reverse().filter((e) => from === undefined || e.revision <= from)
    } else {
      const a = o.getAll()!
      const at = a.hasPosition() ? BigInt(a.getPosition()!.getCommitPosition()) : undefined
      // Reading `$all` from a position is inclusive (§4.3).
      events = forwards
        ? log.all().filter((e) => at === undefined || e.position >= at)
        : [...log.all()].reverse().filter((e) => at === undefined || e.position < at)
      events = events.filter(filter)
    }
    let written = 0n
    for (const e of events) {
      if (written >= count) break
      call.write(eventResp(e))
      written++
    }
    if (forwards && !o.hasStream()) sent.all += Number(written)
    call.end()
  }

  const subscribe = (
    call: grpc.ServerWritableStream<ReadReq, ReadResp>,
    o: ReadReq.Options,
    filter: Filter
  ) => {
    subscriptions.add(call)
    call.write(
      new ReadResp().setConfirmation(
        new ReadResp.SubscriptionConfirmation().setSubscriptionId(crypto.randomUUID())
      )
    )
    // Subscription starts are exclusive (§4.3).
    let include: (e: FakeEvent) => boolean
    if (o.hasStream()) {
      const s = o.getStream()!
      const name = text(s.getStreamIdentifier()!.getStreamName())
      const after = s.hasRevision() ? BigInt(s.getRevision()) : s.hasEnd() ? (log.current(name) ?? -1n) : -1n
      include = (e) => e.stream === name && e.revision > after
    } else {
      const a = o.getAll()!
      const head = log.all().at(-1)?.position ?? 0n
      const after = a.hasPosition() ? BigInt(a.getPosition()!.getCommitPosition()) : a.hasEnd() ? head : -1n
      include = (e) => e.position > after && filter(e)
    }
    for (const e of log.all()) if (include(e)) call.write(eventResp(e))
    call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()))
    const off = log.subscribe((e) => {
      if (include(e)) call.write(eventResp(e))
    })
    const end = () => {
      off()
      subscriptions.delete(call)
    }
    call.on('cancelled', end)
    call.on('close', end)
  }

  const append: grpc.handleClientStreamingCall<AppendReq, AppendResp> = (call, callback) => {
    let stream = ''
    let expected: Expected = { kind: 'any' }
    const proposed: Proposed[] = []
    call.on('data', (m: AppendReq) => {
      if (m.hasOptions()) {
        const o = m.getOptions()!
        stream = text(o.getStreamIdentifier()!.getStreamName())
        expected = o.hasRevision()
          ? { kind: 'revision', revision: BigInt(o.getRevision()) }
          : o.hasNoStream()
            ? { kind: 'no_stream' }
            : o.hasStreamExists()
              ? { kind: 'stream_exists' }
              : { kind: 'any' }
      } else {
        const p = m.getProposedMessage()!
        const meta = p.getMetadataMap()
        proposed.push({
          id: p.getId()!.getString(),
          type: meta.get('type') ?? '',
          contentType: meta.get('content-type') ?? 'application/octet-stream',
          // Bytes arrive base64-encoded from the client: read them as bytes (§4.6).
          data: p.getData_asU8(),
          customMetadata: p.getCustomMetadata_asU8(),
        })
      }
    })
    call.on('end', () => {
      calls.append++
      const r = log.append(stream, expected, proposed)
      if (r.ok) {
        const success = new AppendResp.Success()
        if (r.revision < 0n) success.setNoStream(new Empty())
        else success.setCurrentRevision(r.revision.toString())
        success.setPosition(
          new AppendResp.Position()
            .setCommitPosition(r.position.toString())
            .setPreparePosition(r.position.toString())
        )
        callback(null, new AppendResp().setSuccess(success))
        return
      }
      // A wrong expected version is an answer, not an error status (§4.9).
      const wrong = new AppendResp.WrongExpectedVersion()
      if (r.current === null) wrong.setCurrentNoStream(new Empty())
      else wrong.setCurrentRevision(r.current.toString())
      if (expected.kind === 'revision') wrong.setExpectedRevision(expected.revision.toString())
      else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new Empty())
      else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty())
      else wrong.setExpectedAny(new Empty())
      callback(null, new AppendResp().setWrongExpectedVersion(wrong))
    })
  }

  /** BatchAppend: one long-lived bidi call; each append is a correlation id, its options, chunks, `is_final`. */
  const batchAppend = (call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>) => {
    const pending = new Map<string, { stream: string; expected: Expected; proposed: Proposed[] }>()
    call.on('data', (m: BatchAppendReq) => {
      const key = m.getCorrelationId()!.getString()
      let p = pending.get(key)
      if (!p) {
        const o = m.getOptions()!
        p = {
          stream: text(o.getStreamIdentifier()!.getStreamName()),
          expected: o.hasStreamPosition()
            ? { kind: 'revision', revision: BigInt(o.getStreamPosition()) }
            : o.hasNoStream()
              ? { kind: 'no_stream' }
              : o.hasStreamExists()
                ? { kind: 'stream_exists' }
                : { kind: 'any' },
          proposed: [],
        }
        pending.set(key, p)
      }
      for (const pm of m.getProposedMessagesList()) {
        const meta = pm.getMetadataMap()
        p.proposed.push({
          id: pm.getId()!.getString(),
          type: meta.get('type') ?? '',
          contentType: meta.get('content-type') ?? 'application/octet-stream',
          data: pm.getData_asU8(),
          customMetadata: pm.getCustomMetadata_asU8(),
        })
      }
      if (!m.getIsFinal()) return
      pending.delete(key)
      calls.batchAppend++
      const resp = new BatchAppendResp()
        .setCorrelationId(new UUID().setString(key))
        .setStreamIdentifier(new StreamIdentifier().setStreamName(new TextEncoder().encode(p.stream)))
      const r = log.append(p.stream, p.expected, p.proposed)
      if (r.ok) {
        const success = new BatchAppendResp.Success()
        if (r.revision < 0n) success.setNoStream(new Empty())
        else success.setCurrentRevision(r.revision.toString())
        success.setPosition(
          new AllStreamPosition()
            .setCommitPosition(r.position.toString())
            .setPreparePosition(r.position.toString())
        )
        call.write(resp.setSuccess(success))
        return
      }
      // Here a wrong expected version is a google.rpc.Status carrying shared.proto's message (§4.9).
      const wrong = new SharedWrongExpectedVersion()
      if (r.current === null) wrong.setCurrentNoStream(new Empty())
      else wrong.setCurrentStreamRevision(r.current.toString())
      const e = p.expected
      if (e.kind === 'revision') wrong.setExpectedStreamPosition(e.revision.toString())
      else if (e.kind === 'no_stream') wrong.setExpectedNoStream(new Empty())
      else if (e.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty())
      else wrong.setExpectedAny(new Empty())
      const details = new Any()
      details.pack(wrong.serializeBinary(), 'event_store.client.WrongExpectedVersion')
      call.write(
        resp.setError(new Status().setCode(9).setMessage('wrong expected version').setDetails(details))
      )
    })
    call.on('end', () => call.end())
  }

  const unimplemented = (_call: unknown, callback: grpc.sendUnaryData<never>) =>
    callback({ code: grpc.status.UNIMPLEMENTED, details: 'not in the fake' } as grpc.ServiceError, null)

  const features: grpc.handleUnaryCall<Empty, SupportedMethods> = (_call, callback) => {
    if (options.serverFeatures === false) return unimplemented(_call, callback)
    const m = new SupportedMethodsClass().setEventStoreServerVersion('23.10.0')
    for (const name of ['read', 'append', ...(options.batchAppend === false ? [] : ['batchappend'])])
      m.addMethods(
        new SupportedMethod().setServiceName('event_store.client.streams.streams').setMethodName(name)
      )
    callback(null, m)
  }

  const gossip: grpc.handleUnaryCall<Empty, ClusterInfo> = (_call, callback) => {
    const leader = new MemberInfo()
      .setInstanceId(new UUID().setString('00000000-0000-4000-8000-00000000000a'))
      .setState(MemberInfo.VNodeState.LEADER)
      .setIsAlive(true)
      .setHttpEndPoint(new EndPoint().setAddress('127.0.0.1').setPort(boundPort))
    callback(null, new ClusterInfoClass().setMembersList([leader]))
  }

  let boundPort = port
  const listen = async () => {
    server = new grpc.Server()
    server.addService(StreamsService, {
      read,
      append,
      batchAppend,
      delete: unimplemented,
      tombstone: unimplemented,
    })
    server.addService(ServerFeaturesService, { getSupportedMethods: features })
    server.addService(GossipService, { read: gossip })
    boundPort = await new Promise<number>((resolve, reject) =>
      server!.bindAsync(`127.0.0.1:${boundPort}`, grpc.ServerCredentials.createInsecure(), (e, p) =>
        e ? reject(e) : resolve(p)
      )
    )
  }
  await listen()

  const dropSubscriptions = () => {
    // As a leader stepping down does: each call ends with status UNAVAILABLE.
    for (const call of subscriptions)
      call.emit('error', { code: grpc.status.UNAVAILABLE, details: 'dropped by the fake' })
    subscriptions.clear()
  }
  return {
    get port() {
      return boundPort
    },
    get connectionString() {
      return `esdb://127.0.0.1:${boundPort}?tls=false`
    },
    log,
    calls,
    sent,
    dropSubscriptions,
    stop: async () => {
      dropSubscriptions()
      server?.forceShutdown()
      server = undefined
    },
    start: listen,
  }
}
