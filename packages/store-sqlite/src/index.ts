export * from './checkpoints.js';
export * from './database.js';
export * from './failure.js';
export * from './schema.js';
export * from './sqlite-store.js';
export * from './read-models.js';
export * from './keyring.js';
