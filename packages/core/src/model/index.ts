export * from './traject.js';
export * from './traject-changes.js';
export * from './vocabulary.js';
export * from './vocabulary-schemas.js';
