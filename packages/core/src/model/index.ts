export * from './traject.js';
export * from './traject-changes.js';
export * from './vocabulary.js';
