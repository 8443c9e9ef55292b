import { EventStoreDBClient } from '@eventstore/db-client';
import { afterAll, beforeAll } from 'vitest';
import { startTestServer, type TestServer } from './index.js';

/** A protocol test server on a free port and a real client connected to it, for one test file. */
export interface Connection {
  readonly server: TestServer;
  readonly client: EventStoreDBClient;
}

/** Starts the server and connects the client before the file's tests, and closes both after them. */
export const connectedTestServer = (): Connection => {
  const connection = {} as { server: TestServer; client: EventStoreDBClient };
  beforeAll(async () => {
    connection.server = await startTestServer({ port: 0 });
    connection.client = EventStoreDBClient.connectionString(connection.server.url);
  });
  afterAll(async () => {
    await connection.client.dispose();
    await connection.server.stop();
  });
  return connection;
};
