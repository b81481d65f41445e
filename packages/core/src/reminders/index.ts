export * from './due-reminders.js';
export * from './types.js';
