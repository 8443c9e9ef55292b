export * from './store/errors.js';
export * from './store/memory/memory-store.js';
export * from './store/read.js';
export * from './store/types.js';
export * from './command/event-ids.js';
export * from './command/handler.js';
export * from './services/command-service.js';
export * from './services/jamsos-codec.js';
