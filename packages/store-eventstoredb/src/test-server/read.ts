/** Streams.Read of the protocol test server (not EventStoreDB): stream and $all reads, and catch-up subscriptions. */
import { randomUUID } from 'node:crypto';
import type { ServerWritableStream } from '@grpc/grpc-js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import { readEvent, readStreamNotFound, streamNameOf } from './codec.js';
import { filterOf } from './filter.js';
import type { EventFilter } from './filter.js';
import type { MemoryLog, StoredEvent } from './log.js';

const { ReadReq, ReadResp } = streamsPb;
type Call = ServerWritableStream<streamsPb.ReadReq, streamsPb.ReadResp>;

/** The events of a finite read, in order, before count and filter. */
const readSelection = (log: MemoryLog, options: streamsPb.ReadReq.Options): ReadonlyArray<StoredEvent> | { readonly notFound: string } => {
  const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
  const stream = options.getStream();
  if (stream !== undefined) {
    const name = streamNameOf(stream.getStreamIdentifier());
    const events = log.stream(name);
    if (events === undefined) return { notFound: name };
    const Case = ReadReq.Options.StreamOptions.RevisionOptionCase;
    const last = events.length - 1;
    const from = stream.getRevisionOptionCase() === Case.REVISION ? Number(BigInt(stream.getRevision())) : stream.getRevisionOptionCase() === Case.END ? (backwards ? last : events.length) : 0;
    if (!backwards) return events.slice(Math.max(from, 0));
    return from < 0 ? [] : events.slice(0, Math.min(from, last) + 1).reverse();
  }
  const all = options.getAll();
  const Case = ReadReq.Options.AllOptions.AllOptionCase;
  const events = log.all;
  switch (all?.getAllOptionCase()) {
    case Case.END:
      return backwards ? [...events].reverse() : [];
    case Case.POSITION: {
      const at = BigInt(all.getPosition()?.getCommitPosition() ?? '0');
      return backwards ? events.filter((event) => event.position < at).reverse() : events.filter((event) => event.position >= at);
    }
    default:
      return backwards ? [] : events;
  }
};

/** Writes at most count events that pass the filter. */
const writeEvents = (call: Call, events: Iterable<StoredEvent>, filter: EventFilter, count: number, structured: boolean): void => {
  let written = 0;
  for (const event of events) {
    if (written >= count) return;
    if (!filter(event)) continue;
    call.write(readEvent(event, structured));
    written += 1;
  }
};

/** The events a catch-up subscription starts with: strictly after its starting point. */
const catchUpSelection = (log: MemoryLog, options: streamsPb.ReadReq.Options): { readonly events: ReadonlyArray<StoredEvent>; readonly live: (event: StoredEvent) => boolean } => {
  const stream = options.getStream();
  if (stream !== undefined) {
    const name = streamNameOf(stream.getStreamIdentifier());
    const events = log.stream(name) ?? [];
    const Case = ReadReq.Options.StreamOptions.RevisionOptionCase;
    const caseOf = stream.getRevisionOptionCase();
    const after = caseOf === Case.REVISION ? BigInt(stream.getRevision()) : caseOf === Case.END ? BigInt(events.length - 1) : -1n;
    return { events: events.filter((event) => event.revision > after), live: (event) => event.streamName === name };
  }
  const all = options.getAll();
  const Case = ReadReq.Options.AllOptions.AllOptionCase;
  const caseOf = all?.getAllOptionCase();
  const after = caseOf === Case.POSITION ? BigInt(all?.getPosition()?.getCommitPosition() ?? '0') : -1n;
  const events = caseOf === Case.END ? [] : log.all.filter((event) => event.position > after);
  return { events, live: () => true };
};

/** Serves a catch-up subscription: confirmation, past events, caught_up, then live events until cancelled. */
const subscribe = (log: MemoryLog, call: Call, options: streamsPb.ReadReq.Options, structured: boolean, register: (stop: () => void) => () => void): void => {
  const filter = filterOf(options);
  call.write(new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())));
  const { events, live } = catchUpSelection(log, options);
  writeEvents(call, events, filter, Number.POSITIVE_INFINITY, structured);
  call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
  const unsubscribe = log.onAppended((event) => {
    if (live(event) && filter(event)) call.write(readEvent(event, structured));
  });
  const stop = (): void => {
    unsubscribe();
    unregister();
  };
  const unregister = register(() => {
    stop();
    call.end();
  });
  call.on('cancelled', stop);
  call.on('close', stop);
  call.on('error', stop);
};

/** A handler for the server-streaming Read call; register tracks live subscriptions so the server can end them. */
export const readHandler =
  (log: MemoryLog, register: (stop: () => void) => () => void) =>
  (call: Call): void => {
    const options = call.request.getOptions();
    if (options === undefined) {
      call.end();
      return;
    }
    const structured = options.getUuidOption()?.hasStructured() ?? false;
    if (options.getCountOptionCase() === ReadReq.Options.CountOptionCase.SUBSCRIPTION) {
      subscribe(log, call, options, structured, register);
      return;
    }
    const selection = readSelection(log, options);
    if ('notFound' in selection) {
      call.write(readStreamNotFound(selection.notFound));
      call.end();
      return;
    }
    const count = options.getCountOptionCase() === ReadReq.Options.CountOptionCase.COUNT ? Number(BigInt(options.getCount())) : Number.POSITIVE_INFINITY;
    writeEvents(call, selection, filterOf(options), count, structured);
    call.end();
  };
