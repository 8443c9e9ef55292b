import { eventStoreContractSuite } from '../../testing/contract-suite.js';
import { createInMemoryEventStore } from './memory-store.js';

eventStoreContractSuite('in-memory store', async () => ({ store: createInMemoryEventStore() }));
