export * from './recipients.js';
export * from './types.js';
