/** Streams.Read of the protocol test server (not EventStoreDB): stream and $all reads; subscriptions go to subscribe.ts. */
import type { ServerWritableStream } from '@grpc/grpc-js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import { readEvent, readStreamNotFound, streamNameOf } from './codec.js';
import { invalidArgument, streamDeleted } from './errors.js';
import { filterOf } from './filter.js';
import type { EventFilter } from './filter.js';
import { DELETED_STREAM } from './log.js';
import type { MemoryLog, StoredEvent } from './log.js';
import { subscribe } from './subscribe.js';
import type { SubscriptionContext } from './subscribe.js';

const { ReadReq } = streamsPb;
type Call = ServerWritableStream<streamsPb.ReadReq, streamsPb.ReadResp>;
type Options = streamsPb.ReadReq.Options;

/**
 * Why the server refuses these options, if it does: the combinations of (stream, count, direction, filter)
 * the real server serves (Streams.Read.cs); anything else is INVALID_ARGUMENT ("The combination of ... is invalid").
 */
const refusal = (options: Options): string | undefined => {
  const stream = options.getStreamOptionCase();
  const count = options.getCountOptionCase();
  const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
  const filter = options.getFilterOptionCase();
  const S = ReadReq.Options.StreamOptionCase;
  const C = ReadReq.Options.CountOptionCase;
  const F = ReadReq.Options.FilterOptionCase;
  if (stream !== S.STREAM && stream !== S.ALL) return `'${stream}' is not a valid StreamOptionOneofCase`;
  const filterOk = filter === F.NO_FILTER || (filter === F.FILTER && stream === S.ALL);
  const countOk = count === C.COUNT || (count === C.SUBSCRIPTION && !backwards);
  if (!filterOk || !countOk) return `The combination of (${stream}, ${count}, ${backwards ? 'Backwards' : 'Forwards'}, ${filter}) is invalid.`;
  const filterOptions = options.getFilter();
  if (filterOptions === undefined) return undefined;
  const FO = ReadReq.Options.FilterOptions;
  if (filterOptions.getFilterCase() === FO.FilterCase.FILTER_NOT_SET) return 'A filter needs a stream identifier or an event type expression';
  if (filterOptions.getWindowCase() === FO.WindowCase.WINDOW_NOT_SET) return `'${filterOptions.getWindowCase()}' is not a valid WindowOneofCase`;
  if (count === C.SUBSCRIPTION && filterOptions.getCheckpointintervalmultiplier() === 0) return 'checkpointIntervalMultiplier must be greater than 0';
  return undefined;
};

/** The events of a finite read, in order, before count and filter; or the stream that is missing or tombstoned. */
const readSelection = (log: MemoryLog, options: Options): ReadonlyArray<StoredEvent> | { readonly notFound: string } | { readonly deleted: string } => {
  const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
  const stream = options.getStream();
  if (stream !== undefined) {
    const name = streamNameOf(stream.getStreamIdentifier());
    if (log.tombstoned(name)) return { deleted: name };
    const events = log.stream(name);
    if (events === undefined) return { notFound: name };
    const Case = ReadReq.Options.StreamOptions.RevisionOptionCase;
    const caseOf = stream.getRevisionOptionCase();
    // Revisions, not indexes: a recreated stream's first readable revision is after the old last one.
    const from = caseOf === Case.REVISION ? BigInt(stream.getRevision()) : caseOf === Case.END ? DELETED_STREAM : 0n;
    return backwards ? events.filter((event) => event.revision <= from).reverse() : events.filter((event) => event.revision >= from);
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

/**
 * A handler for the server-streaming Read call. A missing stream answers a StreamNotFound message (the client
 * throws StreamNotFoundError); a tombstoned one fails with the `stream-deleted` trailers (StreamDeletedError).
 */
export const readHandler =
  (log: MemoryLog, context: SubscriptionContext) =>
  (call: Call): void => {
    const options = call.request.getOptions();
    const refused = options === undefined ? 'Read: no options' : refusal(options);
    if (options === undefined || refused !== undefined) {
      call.emit('error', invalidArgument(refused ?? 'Read: no options'));
      return;
    }
    let filter: EventFilter;
    try {
      filter = filterOf(options);
    } catch (error) {
      call.emit('error', invalidArgument(`Read: ${error instanceof Error ? error.message : String(error)}`));
      return;
    }
    const structured = options.getUuidOption()?.hasStructured() ?? false;
    if (options.getCountOptionCase() === ReadReq.Options.CountOptionCase.SUBSCRIPTION) {
      subscribe(log, call, options, filter, structured, context);
      return;
    }
    const selection = readSelection(log, options);
    if ('deleted' in selection) {
      call.emit('error', streamDeleted(selection.deleted));
      return;
    }
    if ('notFound' in selection) {
      call.write(readStreamNotFound(selection.notFound));
      call.end();
      return;
    }
    const count = options.getCountOptionCase() === ReadReq.Options.CountOptionCase.COUNT ? Number(BigInt(options.getCount())) : Number.POSITIVE_INFINITY;
    writeEvents(call, selection, filter, count, structured);
    call.end();
  };
