/** The $all read filter of the protocol test server (not EventStoreDB): on stream name or event type, by prefixes or regex. */
import type streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import type { StoredEvent } from './log.js';

/** A predicate over stored events. */
export type EventFilter = (event: StoredEvent) => boolean;

/** Accepts everything. */
const none: EventFilter = () => true;

/** The predicate of one filter expression: any of the prefixes, else the regex, else everything. */
const expression = (expr: streamsPb.ReadReq.Options.FilterOptions.Expression): ((value: string) => boolean) => {
  const prefixes = expr.getPrefixList();
  if (prefixes.length > 0) return (value) => prefixes.some((prefix) => value.startsWith(prefix));
  const source = expr.getRegex();
  if (source === '') return () => true;
  const regex = new RegExp(source);
  return (value) => regex.test(value);
};

/** The filter of a read's options (no filter: everything). */
export const filterOf = (options: streamsPb.ReadReq.Options): EventFilter => {
  const filter = options.getFilter();
  if (filter === undefined) return none;
  const byType = filter.getEventType();
  if (byType !== undefined) {
    const test = expression(byType);
    return (event) => test(event.metadata.get('type') ?? '');
  }
  const byStream = filter.getStreamIdentifier();
  if (byStream !== undefined) {
    const test = expression(byStream);
    return (event) => test(event.streamName);
  }
  return none;
};
