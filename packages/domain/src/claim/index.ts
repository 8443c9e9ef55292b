export * from './commands.js';
export * from './decide.js';
export * from './decider.js';
export * from './events.js';
export * from './evolve.js';
export * from './rejection.js';
export * from './rejections.js';
export * from './state.js';
