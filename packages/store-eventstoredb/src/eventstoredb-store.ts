/** The event store port on EventStoreDB through `@eventstore/db-client` 6.x. */
import { EventStoreDBClient } from '@eventstore/db-client';
import * as E from 'fp-ts/lib/Either.js';
import type { AppendError, AppendResult, EventStore, SubscribeToLog } from '@jamsos/core';
import { appendOrFail } from './append.js';
import { retryOnce, toStoreFailure } from './failure.js';
import { lastRevision, readAll, readAllBatches, readStream } from './read.js';
import { esdbSubscription } from './subscribe.js';

/** Options of the EventStoreDB store. */
export interface EventStoreDbStoreOptions {
  /** An `esdb://` connection string, e.g. `esdb://localhost:2113?tls=false`. */
  readonly connectionString: string;
}

/** The event store port on EventStoreDB, with the client exposed for subscriptions. */
export interface EventStoreDbStore extends EventStore {
  /** The client, for diagnostics and anything the port does not cover. */
  readonly client: EventStoreDBClient;
  /** Catch-up subscriptions to `$all`, filtered on the server, for live projections (`startLiveProjection`). */
  readonly subscribe: SubscribeToLog;
  /** Disposes of the client; idempotent. */
  close(): Promise<void>;
}

const isError = (result: AppendResult | AppendError): result is AppendError => '_tag' in result;

/**
 * Connects (lazily, on first use) an EventStoreDB event store. Event ids are de-duplicated by the
 * server within a stream (a re-append at the same expected revision); see the contract suite's
 * `eventIdScope: 'stream'`.
 */
export const createEventStoreDbStore = (options: EventStoreDbStoreOptions): EventStoreDbStore => {
  const client = EventStoreDBClient.connectionString(options.connectionString);
  let closed = false;
  return {
    client,
    subscribe: esdbSubscription(client),
    appendToStream: (streamName, events, { expectedRevision }) => async () => {
      const result = await appendOrFail(client, streamName, events, expectedRevision);
      return isError(result) ? E.left(result) : E.right(result);
    },
    readStream: (streamName, readOptions) => readStream(client, streamName, readOptions),
    readAll: (readOptions) => readAll(client, readOptions),
    readAllBatches: (readOptions) => readAllBatches(client, readOptions),
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
