export * from './store/errors.js';
export * from './store/memory/memory-store.js';
export * from './store/read.js';
export * from './store/types.js';
