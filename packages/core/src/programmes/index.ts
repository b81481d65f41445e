export * from './demo-programmes.js';
export * from './programme.js';
