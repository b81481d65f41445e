export * from './due-reminders.js';
export * from './timeliness.js';
export * from './types.js';
