import { randomUUID } from 'node:crypto';
import { eventStoreContractSuite } from '@jamsos/core/testing';
import { describe } from 'vitest';
import { createEventStoreDbStore } from './eventstoredb-store.js';
import { startTestServer } from './test-server/index.js';
import { withStreamPrefix } from './test-support.js';

eventStoreContractSuite('EventStoreDB adapter on the protocol test server', async () => {
  const server = await startTestServer({ port: 0 });
  const store = createEventStoreDbStore({ connectionString: server.url });
  return { store, teardown: async () => (await store.close(), await server.stop()) };
}, { eventIdScope: 'stream' });

// CI has no EventStoreDB server (see docs/adapters/eventstoredb.md): this runs only with EVENTSTORE_URL set.
// A real server keeps every run's events, so each store gets fresh, prefixed stream names.
const url = process.env.EVENTSTORE_URL;
describe.skipIf(url === undefined || url === '')('against a real EventStoreDB (EVENTSTORE_URL)', () => {
  const runId = randomUUID().slice(0, 8);
  eventStoreContractSuite(`EventStoreDB adapter on ${url ?? 'no server'}`, async () => {
    const store = createEventStoreDbStore({ connectionString: url ?? '' });
    return { store: withStreamPrefix(store, `jamsos-test-${runId}-${randomUUID().slice(0, 8)}-`), teardown: () => store.close() };
  }, { longStreamLength: 2_000, eventIdScope: 'stream' });
});
