export * from './shared/codec.js';
export * from './shared/decider.js';
export * from './shared/event.js';
export * from './values/index.js';
