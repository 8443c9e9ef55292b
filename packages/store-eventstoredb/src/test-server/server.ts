/**
 * The protocol test server: an in-process gRPC server on 127.0.0.1 that speaks enough of EventStoreDB's
 * client protocol for the real `@eventstore/db-client` to append, read, subscribe, delete, discover the
 * node through gossip and ask its features. It is NOT EventStoreDB: an in-memory log for tests, reusing
 * the service definitions the client package ships.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Server, ServerCredentials, status } from '@grpc/grpc-js';
import type { UntypedServiceImplementation } from '@grpc/grpc-js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import featuresGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import gossipGrpc from '@eventstore/db-client/generated/gossip_grpc_pb.js';
import { appendHandler } from './append.js';
import { gossipHandler, supportedMethodsHandler } from './cluster.js';
import type { Member } from './cluster.js';
import { deleteHandler, tombstoneHandler } from './delete.js';
import { MemoryLog } from './log.js';
import { readHandler } from './read.js';
import type { Faults, SubscriptionContext } from './subscribe.js';

/** Options of the protocol test server. */
export interface TestServerOptions {
  /** The port on 127.0.0.1; 0 (the default) picks a free one. */
  readonly port?: number;
  /** The clock for the `created` metadata and gossip timestamps, in epoch milliseconds. */
  readonly now?: () => number;
}

/** A running protocol test server. */
export interface TestServer {
  /** A connection string for `EventStoreDBClient.connectionString`, without TLS. */
  readonly url: string;
  /** An `esdb+discover://` connection string: the client asks Gossip.Read, which names this server as the leader. */
  readonly discoverUrl: string;
  readonly port: number;
  /** The in-memory log, for assertions. */
  readonly log: MemoryLog;
  /** Fault injection for subscriptions; mutable at any time, applies to subscriptions started afterwards. */
  readonly faults: Faults;
  /** How many Read subscriptions have been started since the server started. */
  readonly subscriptionsStarted: number;
  /** Ends every call and connection, then keeps serving the same log on the same port (simulates a dropped connection). */
  dropConnections(): Promise<void>;
  /** Ends every call and connection, stops listening, waits downForMs (default 0), then listens again on the same port with the same log. */
  restart(options?: { readonly downForMs?: number }): Promise<void>;
  /** Ends every call and stops listening. */
  stop(): Promise<void>;
}

/** Everything that outlives one bound grpc-js server: the log, the faults, the counters, the live subscriptions. */
interface State extends SubscriptionContext {
  readonly log: MemoryLog;
  readonly member: Member;
  readonly now: () => number;
  readonly subscriptionsStarted: number;
  /** Ends or detaches every live subscription. */
  stopSubscriptions(graceful: boolean): void;
}

/** Answers UNIMPLEMENTED, as a server without the method does. */
const unimplemented = (call: { emit(event: 'error', error: unknown): void }): void =>
  call.emit('error', { code: status.UNIMPLEMENTED, details: 'protocol test server: BatchAppend not implemented' });

/** Binds a new grpc-js server for the state on 127.0.0.1:port and resolves with the port bound. */
const bind = (state: State, port: number): Promise<{ server: Server; port: number }> => {
  const server = new Server();
  const streams: UntypedServiceImplementation = {
    read: readHandler(state.log, state),
    append: appendHandler(state.log),
    delete: deleteHandler(state.log),
    tombstone: tombstoneHandler(state.log),
    batchAppend: unimplemented,
  };
  server.addService(streamsGrpc.StreamsService, streams);
  server.addService(featuresGrpc.ServerFeaturesService, { getSupportedMethods: supportedMethodsHandler });
  server.addService(gossipGrpc.GossipService, { read: gossipHandler(state.member, state.now) });
  return new Promise((resolve, reject) => {
    server.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (error, bound) => (error === null ? resolve({ server, port: bound }) : reject(error)));
  });
};

/** Ends live subscriptions, then shuts the server down, forcefully after a short grace. */
const shutdown = (server: Server, state: State): Promise<void> => {
  state.stopSubscriptions(true);
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

/** The state of a new server: an empty log, no faults, no subscriptions. */
const initialState = (now: () => number, port: () => number): State => {
  const subscriptions = new Set<(graceful: boolean) => void>();
  let started = 0;
  return {
    log: new MemoryLog({ now }),
    member: { instanceId: randomUUID(), address: '127.0.0.1', port },
    now,
    faults: { stallSubscriptions: false, redeliverOnSubscribe: 0 },
    started: () => {
      started += 1;
    },
    get subscriptionsStarted() {
      return started;
    },
    register: (stop) => {
      subscriptions.add(stop);
      return () => subscriptions.delete(stop);
    },
    stopSubscriptions: (graceful) => {
      for (const stop of [...subscriptions]) stop(graceful);
    },
  };
};

/** Starts a protocol test server (not EventStoreDB) on 127.0.0.1 with an empty in-memory log. */
export const startTestServer = async (options: TestServerOptions = {}): Promise<TestServer> => {
  let port = options.port ?? 0;
  const state = initialState(options.now ?? Date.now, () => port);
  let current = await bind(state, port);
  port = current.port;
  return {
    url: `esdb://127.0.0.1:${port}?tls=false`,
    discoverUrl: `esdb+discover://127.0.0.1:${port}?tls=false`,
    port,
    log: state.log,
    faults: state.faults,
    get subscriptionsStarted() {
      return state.subscriptionsStarted;
    },
    dropConnections: async () => {
      state.stopSubscriptions(true);
      current.server.forceShutdown();
      current = await bind(state, port);
    },
    restart: async ({ downForMs = 0 } = {}) => {
      // Not gracefully: the client sees its calls and subscriptions fail, as when a node goes away.
      state.stopSubscriptions(false);
      current.server.forceShutdown();
      await sleep(downForMs);
      current = await bind(state, port);
    },
    stop: () => shutdown(current.server, state),
  };
};
