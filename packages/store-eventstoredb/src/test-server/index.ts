/** The protocol test server (not EventStoreDB) for tests of the EventStoreDB adapter. */
export { startTestServer } from './server.js';
export type { TestServer, TestServerOptions } from './server.js';
export { MemoryLog } from './log.js';
export type { StoredEvent, ProposedEvent, Expected, Revision, AppendOutcome } from './log.js';
