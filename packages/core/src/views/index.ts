export * from './traject-overview.js';
