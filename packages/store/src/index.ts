export { createStore } from './create-store.js';
export { type JobDatabase, jobDatabaseOf } from './job-database.js';
export * from './types.js';
