export * from './bank.js';
export * from './labels.js';
export * from './schema.js';
export * from './score.js';
