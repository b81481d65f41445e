export * from './dates.js';
export * from './holidays.js';
export * from './school-holidays.js';
export * from './school-holidays-file.js';
export * from './timezone.js';
export * from './working-calendar.js';
