export * from './link-kinds.js';
