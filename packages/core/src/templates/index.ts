export * from './load.js';
export * from './registry.js';
export * from './schema.js';
