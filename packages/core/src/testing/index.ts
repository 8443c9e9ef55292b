export * from './contract-suite.js';
export * from './helpers.js';
