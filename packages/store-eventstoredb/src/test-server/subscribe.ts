/**
 * Catch-up subscriptions of the protocol test server (not EventStoreDB): confirmation, past events, filter
 * checkpoints, caught-up, then live events; with fault injection (stalls, redelivery).
 */
import { randomUUID } from 'node:crypto';
import type { ServerWritableStream } from '@grpc/grpc-js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import { readEvent, streamNameOf } from './codec.js';
import { streamDeleted } from './errors.js';
import type { EventFilter } from './filter.js';
import { DELETED_STREAM } from './log.js';
import type { MemoryLog, StoredEvent } from './log.js';

const { ReadReq, ReadResp } = streamsPb;
type Call = ServerWritableStream<streamsPb.ReadReq, streamsPb.ReadResp>;

/** Fault injection for subscriptions; mutable at any time, applies to subscriptions started afterwards. */
export interface Faults {
  /** New subscriptions send their confirmation and then nothing at all (no events, no caught-up), until closed. */
  stallSubscriptions: boolean;
  /** A $all subscription from a position starts this many (matching) events earlier than asked: duplicate delivery. */
  redeliverOnSubscribe: number;
}

/** What a subscription needs from the server around it. */
export interface SubscriptionContext {
  readonly faults: Faults;
  /** Counts one started subscription. */
  started(): void;
  /** Tracks a live subscription so the server can end it (gracefully: an OK status; or not: just detached); returns the untrack function. */
  register(stop: (graceful: boolean) => void): () => void;
}

/** The server's read batch size: the search window of a filter sent with `count` instead of `max`. */
export const DEFAULT_SEARCH_WINDOW = 32;

/** Where a subscription starts and which live events it takes. */
interface Selection {
  readonly events: ReadonlyArray<StoredEvent>;
  readonly live: (event: StoredEvent) => boolean;
}

/** The events a catch-up subscription starts with: strictly after its starting point, or earlier under redelivery. */
const catchUpSelection = (log: MemoryLog, options: streamsPb.ReadReq.Options, filter: EventFilter, redeliver: number): Selection => {
  const stream = options.getStream();
  if (stream !== undefined) {
    const name = streamNameOf(stream.getStreamIdentifier());
    const Case = ReadReq.Options.StreamOptions.RevisionOptionCase;
    const caseOf = stream.getRevisionOptionCase();
    const current = log.revision(name);
    const after = caseOf === Case.REVISION ? BigInt(stream.getRevision()) : caseOf === Case.END ? (current === 'no_stream' ? -1n : current) : -1n;
    const events = (log.stream(name) ?? []).filter((event) => event.revision > after);
    return { events, live: (event) => event.streamName === name };
  }
  const all = options.getAll();
  const Case = ReadReq.Options.AllOptions.AllOptionCase;
  const caseOf = all?.getAllOptionCase();
  if (caseOf === Case.END) return { events: [], live: () => true };
  const after = caseOf === Case.POSITION ? BigInt(all?.getPosition()?.getCommitPosition() ?? '0') : -1n;
  const again = caseOf === Case.POSITION && redeliver > 0 ? log.all.filter((event) => event.position <= after && filter(event)).slice(-redeliver) : [];
  const from = again[0]?.position;
  const events = log.all.filter((event) => (from === undefined ? event.position > after : event.position >= from));
  return { events, live: () => true };
};

/**
 * The checkpoints of a filtered $all subscription, as the server sends them: one after every
 * (checkpointIntervalMultiplier × search window) events scanned, matching or not, during catch-up and live,
 * and one at the caught-up point; positions strictly increase.
 */
const checkpoints = (call: Call, options: streamsPb.ReadReq.Options): { scanned(position: bigint): void; caughtUp(head: bigint | undefined): void } | undefined => {
  const filter = options.getFilter();
  if (filter === undefined || options.getAll() === undefined) return undefined;
  const window = filter.getWindowCase() === ReadReq.Options.FilterOptions.WindowCase.MAX ? filter.getMax() : DEFAULT_SEARCH_WINDOW;
  const interval = Math.max(1, filter.getCheckpointintervalmultiplier() * window);
  let count = 0;
  let last = -1n;
  const send = (position: bigint): void => {
    count = 0;
    if (position <= last) return;
    last = position;
    const at = position.toString(10);
    call.write(new ReadResp().setCheckpoint(new ReadResp.Checkpoint().setCommitPosition(at).setPreparePosition(at)));
  };
  return {
    scanned: (position) => {
      count += 1;
      if (count >= interval) send(position);
    },
    caughtUp: (head) => {
      if (head !== undefined) send(head);
    },
  };
};

/** Serves a catch-up subscription until the client cancels it or the server ends it. */
export const subscribe = (log: MemoryLog, call: Call, options: streamsPb.ReadReq.Options, filter: EventFilter, structured: boolean, context: SubscriptionContext): void => {
  context.started();
  const streamName = options.getStream() === undefined ? undefined : streamNameOf(options.getStream()?.getStreamIdentifier());
  if (streamName !== undefined && log.tombstoned(streamName)) {
    call.emit('error', streamDeleted(streamName));
    return;
  }
  call.write(new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())));
  let unsubscribe = (): void => undefined;
  const stop = (): void => {
    unsubscribe();
    unregister();
  };
  const unregister = context.register((graceful) => {
    stop();
    if (graceful) call.end();
  });
  call.on('cancelled', stop);
  call.on('close', stop);
  call.on('error', stop);
  if (context.faults.stallSubscriptions) return;
  const { events, live } = catchUpSelection(log, options, filter, context.faults.redeliverOnSubscribe);
  const ticks = checkpoints(call, options);
  const deliver = (event: StoredEvent): void => {
    if (filter(event)) call.write(readEvent(event, structured));
    ticks?.scanned(event.position);
  };
  for (const event of events) deliver(event);
  ticks?.caughtUp(log.all[log.all.length - 1]?.position);
  call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
  unsubscribe = log.onAppended((event) => {
    if (!live(event)) return;
    if (streamName !== undefined && event.revision === DELETED_STREAM) {
      stop();
      call.emit('error', streamDeleted(streamName));
      return;
    }
    deliver(event);
  });
};
