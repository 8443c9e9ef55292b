/**
 * The protocol test server: an in-process gRPC server on 127.0.0.1 that speaks enough of EventStoreDB's
 * client protocol for the real `@eventstore/db-client` to append, read and subscribe. It is NOT
 * EventStoreDB: an in-memory log for tests, reusing the service definitions the client package ships.
 */
import { Server, ServerCredentials, status } from '@grpc/grpc-js';
import type { ServerUnaryCall, sendUnaryData, UntypedServiceImplementation } from '@grpc/grpc-js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import featuresGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import { appendHandler } from './append.js';
import { MemoryLog } from './log.js';
import { readHandler } from './read.js';

/** Options of the protocol test server. */
export interface TestServerOptions {
  /** The port on 127.0.0.1; 0 (the default) picks a free one. */
  readonly port?: number;
  /** The clock for the `created` metadata, in epoch milliseconds. */
  readonly now?: () => number;
}

/** A running protocol test server. */
export interface TestServer {
  /** A connection string for `EventStoreDBClient.connectionString`, without TLS. */
  readonly url: string;
  readonly port: number;
  /** The in-memory log, for assertions. */
  readonly log: MemoryLog;
  /** Ends every call and connection, then keeps serving the same log on the same port (simulates a dropped connection). */
  dropConnections(): Promise<void>;
  /** Ends every call and stops listening. */
  stop(): Promise<void>;
}

/** Answers UNIMPLEMENTED, so the client falls back to plain Append. */
const unimplemented = (_call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>): void =>
  callback({ code: status.UNIMPLEMENTED, details: 'protocol test server: not implemented' });

/** Binds a new grpc-js server for the log on 127.0.0.1:port and resolves with the port bound. */
const bind = (log: MemoryLog, port: number, now: () => number, subscriptions: Set<() => void>): Promise<{ server: Server; port: number }> => {
  const server = new Server();
  const register = (stop: () => void): (() => void) => {
    subscriptions.add(stop);
    return () => subscriptions.delete(stop);
  };
  const streams: UntypedServiceImplementation = {
    read: readHandler(log, register),
    append: appendHandler(log, now),
    delete: unimplemented,
    tombstone: unimplemented,
    batchAppend: (call: { emit(event: 'error', error: unknown): void }) => call.emit('error', { code: status.UNIMPLEMENTED, details: 'protocol test server: BatchAppend not implemented' }),
  };
  server.addService(streamsGrpc.StreamsService, streams);
  server.addService(featuresGrpc.ServerFeaturesService, { getSupportedMethods: unimplemented });
  return new Promise((resolve, reject) => {
    server.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (error, bound) => (error === null ? resolve({ server, port: bound }) : reject(error)));
  });
};

/** Ends live subscriptions, then shuts the server down, forcefully after a short grace. */
const shutdown = (server: Server, subscriptions: Set<() => void>): Promise<void> => {
  for (const stop of [...subscriptions]) stop();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, 200);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
};

/** Starts a protocol test server (not EventStoreDB) on 127.0.0.1 with an empty in-memory log. */
export const startTestServer = async (options: TestServerOptions = {}): Promise<TestServer> => {
  const log = new MemoryLog();
  const now = options.now ?? Date.now;
  const subscriptions = new Set<() => void>();
  let current = await bind(log, options.port ?? 0, now, subscriptions);
  const port = current.port;
  return {
    url: `esdb://127.0.0.1:${port}?tls=false`,
    port,
    log,
    dropConnections: async () => {
      for (const stop of [...subscriptions]) stop();
      current.server.forceShutdown();
      current = await bind(log, port, now, subscriptions);
    },
    stop: () => shutdown(current.server, subscriptions),
  };
};
