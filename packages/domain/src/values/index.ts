export * from './calendar.js';
export * from './category.js';
export * from './ids.js';
export * from './nik.js';
export * from './personal-data.js';
export * from './rupiah.js';
export * from './scheme.js';
export * from './sponsor.js';
