/** The protocol test server (not EventStoreDB) for tests of the EventStoreDB adapter. */
export { startTestServer } from './server.js';
export type { TestServer, TestServerOptions } from './server.js';
export type { Faults } from './subscribe.js';
export { SERVER_VERSION } from './cluster.js';
export { MemoryLog, DELETED_STREAM } from './log.js';
export type { StoredEvent, ProposedEvent, Expected, Revision, AppendOutcome, DeleteOutcome } from './log.js';
