/** The event store port on EventStoreDB through `@eventstore/db-client` 6.x. */
import { EventStoreDBClient } from '@eventstore/db-client';
import * as E from 'fp-ts/lib/Either.js';
import type { AppendError, AppendResult, EventStore } from '@jamsos/core';
import { appendOrFail } from './append.js';
import { retryOnce, toStoreFailure } from './failure.js';
import { EventIdIndex } from './id-index.js';
import { lastRevision, readAll, readStream } from './read.js';

/** Options of the EventStoreDB store. */
export interface EventStoreDbStoreOptions {
  /** An `esdb://` connection string, e.g. `esdb://localhost:2113?tls=false`. */
  readonly connectionString: string;
}

/** The event store port on EventStoreDB, with the client exposed for subscriptions. */
export interface EventStoreDbStore extends EventStore {
  /** The client, for catch-up subscriptions and diagnostics. */
  readonly client: EventStoreDBClient;
  /** Disposes of the client; idempotent. */
  close(): Promise<void>;
}

const isError = (result: AppendResult | AppendError): result is AppendError => '_tag' in result;

/**
 * Connects (lazily, on first use) an EventStoreDB event store. Appends of one store run one at a time:
 * each first catches an in-memory index of event ids up from `$all`, so an id stored elsewhere is
 * refused as the port requires (EventStoreDB itself only de-duplicates within a stream).
 */
export const createEventStoreDbStore = (options: EventStoreDbStoreOptions): EventStoreDbStore => {
  const client = EventStoreDBClient.connectionString(options.connectionString);
  const index = new EventIdIndex();
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  return {
    client,
    appendToStream: (streamName, events, { expectedRevision }) => async () => {
      const run = queue.then(() => appendOrFail(client, index, streamName, events, expectedRevision));
      queue = run.catch(() => undefined);
      const result = await run;
      return isError(result) ? E.left(result) : E.right(result);
    },
    readStream: (streamName, readOptions) => readStream(client, streamName, readOptions),
    readAll: (readOptions) => readAll(client, readOptions),
    streamRevision: (streamName) => async () => {
      try {
        return E.right(await retryOnce(() => lastRevision(client, streamName)));
      } catch (error) {
        return E.left(toStoreFailure(`reading the revision of ${streamName}`, error));
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await client.dispose();
    },
  };
};
