export * from './lesson.js';
export * from './seed-lessons.js';
