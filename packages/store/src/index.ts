export { createStore } from './create-store.js';
export * from './types.js';
