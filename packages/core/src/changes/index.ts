export * from './traject-changes.js';
