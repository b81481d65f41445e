export { createStore } from './create-store.js';
export { isDatabaseUnavailable } from './db/errors.js';
export { type JobDatabase, jobDatabaseOf } from './job-database.js';
export { lifecycleOf } from './lifecycle-store.js';
export type * from './lifecycle-types.js';
export * from './types.js';
