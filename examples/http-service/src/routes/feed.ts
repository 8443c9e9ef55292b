import { Readable } from 'node:stream';
import type { EventStore, RecordedEvent } from '@jamsos/core';
import { holds } from '../auth/roles.js';
import { FeedLineC, FeedPageC } from '../contracts/answers.js';
import { FeedQueryC, MAX_FEED_LIMIT } from '../contracts/requests.js';
import { json, route, type AnyRoute } from '../http/route.js';
import { storedEventOf } from '../writes/answer.js';
import { COMMON_ERRORS } from './responses.js';
import type { Services } from './services.js';

/** How many events a feed request returns unless told otherwise. */
export const DEFAULT_FEED_LIMIT = 1_000;

/** The media type of the streamed feed: one JSON document per line. */
export const NDJSON = 'application/x-ndjson';

/** Lines are sent in chunks of about this many characters: a write per event would cost more than the event. */
const CHUNK = 64 * 1024;

/** Reads at most `limit` events after `from`, and whether the log had more. */
const page = (store: EventStore, from: number, limit: number): AsyncIterable<RecordedEvent> => store.readAll({ ...(from === 0 ? {} : { fromPosition: from }), maxCount: limit + 1 });

/** The feed's lines: each event, then the cursor (or, when the store fails half-way, an error line). */
async function* feedLines(store: EventStore, from: number, limit: number, personalData: boolean, signal: AbortSignal): AsyncGenerator<string> {
  let count = 0;
  let next = from;
  let more = false;
  let buffered = '';
  try {
    for await (const recorded of page(store, from, limit)) {
      if (signal.aborted) return;
      if (count === limit) {
        more = true;
        break;
      }
      buffered += `${JSON.stringify(storedEventOf(recorded, personalData))}\n`;
      count++;
      next = recorded.globalPosition;
      if (buffered.length >= CHUNK) {
        yield buffered;
        buffered = '';
      }
    }
  } catch (error) {
    yield `${buffered}${JSON.stringify({ error: { code: 'store-unavailable', message: `the log could not be read after position ${next}: ${error instanceof Error ? error.message : String(error)}; resume from ${next}`, problems: [] } })}\n`;
    return;
  }
  yield `${buffered}${JSON.stringify({ cursor: { next, more, count } })}\n`;
}

/** GET /feed: the log in global order after a position, streamed as NDJSON (or one JSON page), with a cursor. */
export const feedRoute = (services: Services): AnyRoute =>
  route({
    method: 'GET',
    path: '/feed',
    operationId: 'feed',
    tag: 'feed',
    summary: 'Events after a global position, for downstream systems: streamed (NDJSON) and paged',
    description: `Every event strictly after the position \`from\` (default 0: from the start), in the order the log holds them, at most \`limit\` (default ${DEFAULT_FEED_LIMIT}, at most ${MAX_FEED_LIMIT}). The answer streams as NDJSON (${NDJSON}): one event per line, as it is read from the store (a page never sits in memory), then a last line {"cursor": {"next", "more", "count"}}: ask again with from=next; more=false means the page reached the end of the log. With Accept: application/json the same page comes as one document. Personal-data fields (NIK, names, birth dates, heirs' details) are null and listed in each event's \`redacted\` unless the caller's role reads personal data (the data protection officer). Positions are increasing but not dense.`,
    permission: 'read-feed',
    query: FeedQueryC,
    responses: {
      200: { description: 'The page: NDJSON lines (events, then the cursor), or one JSON document.', lines: { contentType: NDJSON, schema: FeedLineC }, schema: FeedPageC },
      ...COMMON_ERRORS,
    },
    handler: async ({ caller, query, headers, signal }) => {
      const from = query.from ?? 0;
      const limit = query.limit ?? DEFAULT_FEED_LIMIT;
      const personalData = holds(caller, 'read-personal-data');
      const accept = String(headers['accept'] ?? '');
      if (/application\/json/i.test(accept) && !/application\/x-ndjson/i.test(accept)) {
        const events = [];
        let next = from;
        let more = false;
        for await (const recorded of page(services.store, from, limit)) {
          if (events.length === limit) {
            more = true;
            break;
          }
          events.push(storedEventOf(recorded, personalData));
          next = recorded.globalPosition;
        }
        return json(200, { events, next, more, count: events.length });
      }
      return { _tag: 'Stream', status: 200, contentType: `${NDJSON}; charset=utf-8`, stream: Readable.from(feedLines(services.store, from, limit, personalData, signal)), headers: { 'cache-control': 'no-store' } };
    },
  });
