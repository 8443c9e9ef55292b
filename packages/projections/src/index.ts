export * from './coverage/query.js';
export * from './coverage/state.js';
export * from './fund/query.js';
export * from './fund/state.js';
export * from './projection.js';
