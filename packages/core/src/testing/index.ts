export * from './contract-suite.js';
export * from './helpers.js';
export * from './sample-history.js';
export * from '../privacy/keyring-contract.js';
