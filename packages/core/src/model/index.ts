export * from './traject.js';
export * from './vocabulary.js';
