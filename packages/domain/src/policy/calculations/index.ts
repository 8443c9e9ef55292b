export * from './benefits.js';
export * from './contributions.js';
export * from './heirs.js';
export * from './lines.js';
