/** @jamsos/store-eventstoredb: the EventStoreDB adapter (to come) and its protocol test server (not EventStoreDB). */
export { startTestServer } from './test-server/index.js';
export type { TestServer, TestServerOptions } from './test-server/index.js';
