export * from './render/traject.js';
