export * from './fixtures.js';
export * from './given-when-then.js';
