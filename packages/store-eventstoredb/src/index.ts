/** @jamsos/store-eventstoredb: the EventStoreDB adapter and its protocol test server (not EventStoreDB). */
export { createEventStoreDbStore } from './eventstoredb-store.js';
export type { EventStoreDbStore, EventStoreDbStoreOptions } from './eventstoredb-store.js';
export { esdbSubscription, exactTypesRegex } from './subscribe.js';
export type { EsdbSubscriptionOptions } from './subscribe.js';
export { startTestServer } from './test-server/index.js';
export type { TestServer, TestServerOptions } from './test-server/index.js';
